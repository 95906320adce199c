/** An error meant for the caller: a stable code, a message, an HTTP status and optional details. */
export class AppError extends Error {
  readonly status: number;
  readonly details?: unknown;

  constructor(
    readonly code: string,
    message: string,
    options: { status?: number; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status ?? 400;
    this.details = options.details;
  }
}

/**
 * The one JSON shape every refusal has, from the API and from the public receivers alike:
 * {"error":{"code","message"[,"details"]}}. Clients branch on the stable `code`, never on the message.
 */
export function errorBody(err: AppError): { error: { code: string; message: string; details?: unknown } } {
  return { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
}

export interface LineProblem {
  line: number;
  field?: string;
  message: string;
}

/** A whole import refused: every problem by line, nothing written. */
export function importRefused(problems: LineProblem[]): AppError {
  const lines = [...new Set(problems.map((p) => p.line))];
  return new AppError('import_invalid', `Import refused: ${problems.length} problem(s) on line(s) ${lines.join(', ')}; nothing was written.`, {
    status: 422,
    details: problems,
  });
}
