/** Where a CLI command writes; tests pass buffers, the binary passes process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars redraw in place only then). */
  readonly isTty: boolean;
}

/** A subcommand: parses its own argv (without the subcommand name) and returns the exit code. */
export type CliCommand = (argv: readonly string[], io: CliIo) => Promise<number>;
