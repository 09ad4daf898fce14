# syntax=docker/dockerfile:1
# The gonogo image: `gonogo serve` by default, `gonogo worker` as the same image's other entry point.
#   docker build -t gonogo .
#   docker run -p 8080:8080 -e GONOGO_STORE=postgres://... gonogo            # the server
#   docker run -e GONOGO_STORE=postgres://... gonogo worker                    # a worker
# The base image is pinned by digest (node 24.18.0, Debian bookworm, slim); update it on purpose:
#   docker buildx imagetools inspect node:24-bookworm-slim   (the "Digest:" line)
ARG NODE_IMAGE=node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

# Stage 1: build and pack. The image installs the very tarball `npm pack` makes (the one
# test/package/pack.test.ts installs and runs), so it holds no sources, tests or dev dependencies.
# better-sqlite3 ships SQLite's sources and a prebuilt addon for eight platforms: only this
# platform's addon is kept (the slim image is glibc, so linux-<arch>.node), then loaded once to prove it.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.build.json README.md ./
COPY bin ./bin
COPY src ./src
COPY scripts ./scripts
COPY schema ./schema
RUN npm ci --no-audit --no-fund \
 && npm pack --pack-destination /tmp \
 && mkdir /opt/gonogo \
 && cd /opt/gonogo \
 && echo '{"name":"gonogo-image","private":true}' > package.json \
 && npm install --omit=dev --no-audit --no-fund /tmp/gonogo-*.tgz \
 && npm cache clean --force \
 && cd node_modules/better-sqlite3 \
 && find prebuilds -type f ! -name "$(node -p 'process.platform + "-" + process.arch').node" -delete \
 && rm -rf deps src \
 && cd /opt/gonogo \
 && node -e "new (require('better-sqlite3'))(':memory:').close()" \
 && node_modules/.bin/gonogo --version

# Stage 2: the runtime: Node, gonogo and its production dependencies, run as an unprivileged user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PATH=/opt/gonogo/node_modules/.bin:$PATH \
    GONOGO_STORE=/var/lib/gonogo/gonogo.db
COPY --from=build /opt/gonogo /opt/gonogo
# The server's list of services; mount your own over it (compose and the Helm chart do).
COPY deploy/gonogo-server.yml /etc/gonogo/gonogo-server.yml
# The embedded SQLite store's folder, the only place the process writes. Postgres in production:
# set GONOGO_STORE to a postgres:// URL (a Secret in the Helm chart).
RUN mkdir -p /var/lib/gonogo && chown node:node /var/lib/gonogo
WORKDIR /var/lib/gonogo
# The official node images ship an unprivileged `node` user (uid 1000).
USER node
EXPOSE 8080
# Liveness: /healthz answers 200 while the process serves. Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["gonogo"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--config", "/etc/gonogo/gonogo-server.yml"]
