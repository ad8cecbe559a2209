import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { CoreErrorCode } from './core.errors.js';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The one global validation pipe: unknown fields are rejected, and the error names each bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const message = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join('; ');
      return new BadRequestException({
        code: CoreErrorCode.VALIDATION_FAILED,
        message: `Invalid request: ${message}`,
        details: { fields },
      });
    },
  });
}
