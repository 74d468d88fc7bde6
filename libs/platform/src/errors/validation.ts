import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblem } from './problem.exception';

/** Flattens class-validator's tree into `{ "a.b": ["reason"] }`. */
export function fieldErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      out[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation' ? 'is not an accepted field' : message,
      );
    }
    Object.assign(out, fieldErrors(error.children ?? [], path));
  }
  return out;
}

/** Unknown fields are refused, types are converted, and failures become field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationProblem(fieldErrors(errors)),
  });
}
