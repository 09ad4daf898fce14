import type { Probe } from "../types.js";
import { type DockerfileConfig, dockerfileConfigSchema } from "./config.js";

const dockerfileProbe: Probe<DockerfileConfig> = {
  name: "dockerfile",
  targetNeeds: "path",
  configSchema: dockerfileConfigSchema,
  observables: {
    stages: { kind: "number", description: "number of FROM instructions (build stages)" },
    final_user: {
      kind: "string",
      description: 'USER of the final image as written; "root" when none is set',
    },
    runs_as_root: {
      kind: "boolean",
      description: "the final user is root or uid 0 (root, 0, root:grp, 0:0)",
    },
    healthcheck: { kind: "boolean", description: "the final image has a HEALTHCHECK other than NONE" },
    base_images: {
      kind: "list",
      description: "external images the stages build FROM (stage names excluded)",
    },
    latest_tags: {
      kind: "number",
      description: "base images tagged :latest or untagged, not pinned by digest",
    },
    exposed_ports: { kind: "list", description: 'ports the final image EXPOSEs ("8080", "53/udp")' },
  },
  loadRunner: () => import("./runner.js"),
};

export default dockerfileProbe;
