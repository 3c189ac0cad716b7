/** A failure a use case reports to its caller; the HTTP layer turns it into a problem document. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) =>
  new DomainError(404, 'not-found', 'Not found', `${what} was not found`);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new DomainError(409, 'conflict', 'Conflict', detail, extra);
export const preconditionFailed = (detail: string) =>
  new DomainError(412, 'precondition-failed', 'Precondition failed', detail);
export const preconditionRequired = (detail: string) =>
  new DomainError(428, 'precondition-required', 'Precondition required', detail);
export const unprocessable = (detail: string, errors: { path: string; message: string }[] = []) =>
  new DomainError(422, 'unprocessable', 'Unprocessable request', detail, errors.length ? { errors } : {});
export const forbidden = (detail = 'your role may not do this') =>
  new DomainError(403, 'forbidden', 'Forbidden', detail);
export const unauthorized = (detail = 'sign in first') =>
  new DomainError(401, 'unauthorized', 'Unauthorized', detail);
