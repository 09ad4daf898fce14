import { z } from "zod";

export const COVERAGE_FORMATS = ["lcov", "istanbul", "cobertura", "jacoco"] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

export const coverageConfigSchema = z.strictObject({
  /** A target whose `path` is the directory holding the report; gonogo.yml's folder when left out. */
  target: z.string().min(1).optional(),
  /** The report, relative to that directory: `coverage/lcov.info`, `build/reports/jacoco/test/jacocoTestReport.xml`. */
  path: z.string().min(1),
  /** The report's format when its content should not decide (`istanbul` covers summary and final JSON). */
  format: z.enum(COVERAGE_FORMATS).optional(),
});

export type CoverageConfig = z.output<typeof coverageConfigSchema>;
