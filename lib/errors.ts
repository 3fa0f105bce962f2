/**
 * Typed application errors, one per HTTP status. Services throw them; route handlers turn
 * them into JSON with `errorResponse`. Anything else is an unexpected 500.
 */
export type FieldErrors = Record<string, string>;

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  toJSON(): Record<string, unknown> {
    return { error: this.code, message: this.message };
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly code = "bad_request";
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = "validation_error";
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
  override toJSON() {
    return { ...super.toJSON(), fields: this.fields };
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = "unauthorized";
  constructor(message = "Sign in to continue.") {
    super(message);
  }
}

/** Also used for other users' resources, so an id's existence is never confirmed. */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = "not_found";
  constructor(message = "Not found.") {
    super(message);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = "conflict";
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = "payload_too_large";
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = "unsupported_media_type";
  constructor(message = "Send the body as application/json.") {
    super(message);
  }
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly code = "rate_limited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = "service_unavailable";
  constructor(message = "The service is briefly unavailable. Try again in a moment.") {
    super(message);
  }
}
