/** Values of build arguments; `undefined` for one declared without a default (`ARG VERSION`). */
export type BuildArgs = Map<string, string | undefined>;

const REFERENCE = /\$(?:\{(\w+)(?:(:?[-+])([^}]*))?\}|(\w+))/g;

/**
 * Substitutes build arguments the way `docker build` does with no `--build-arg`:
 * `${TAG:-22}` with TAG unset gives "22". A reference to an argument with no value is kept as
 * written (`node:$VERSION`), since its value only exists at build time.
 */
export function expandBuildArgs(text: string, args: BuildArgs): string {
  return text.replace(
    REFERENCE,
    (
      whole,
      braced: string | undefined,
      operator: string | undefined,
      word = "",
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? "";
      const value = args.get(name);
      switch (operator) {
        case ":-":
          return value ? value : word;
        case "-":
          return value ?? word;
        case ":+":
          return value ? word : "";
        case "+":
          return value !== undefined ? word : "";
        default:
          return value ?? whole;
      }
    },
  );
}
