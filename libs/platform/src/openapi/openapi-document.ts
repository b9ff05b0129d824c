import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

export interface OpenApiInfo {
  readonly title?: string;
  readonly description?: string;
  readonly version?: string;
}

/** The OpenAPI document of every controller mounted in `app`, with the problem+json schema and the auth schemes. */
export function createOpenApiDocument(
  app: INestApplication,
  serviceName: string,
  info: OpenApiInfo = {},
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(info.title ?? `Warden ${serviceName}`)
    .setDescription(
      info.description ?? 'Warden: the AI control plane. Errors are RFC 9457 application/problem+json.',
    )
    .setVersion(info.version ?? '1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'Warden API key (wk_…), OIDC JWT or the bootstrap token',
    })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto] });
}
