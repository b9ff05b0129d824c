import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { ProblemDetailsDto } from './problem-details.dto';

/** Documents the error statuses a route answers, each as application/problem+json with ProblemDetails. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  const contentType = PROBLEM_CONTENT_TYPE.split(';')[0] ?? 'application/problem+json';
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: STATUS_CODES[status] ?? 'Error',
        content: { [contentType]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
