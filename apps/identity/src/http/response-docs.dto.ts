import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADMIN_ROLES, PRINCIPAL_KINDS } from '@warden/contracts';

/** OpenAPI shapes of the identity responses (documentation only; handlers return the plain interfaces). */
export class OrganizationResponseDoc {
  @ApiProperty({ example: 'org_…' }) readonly id!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
}

export class PrincipalAttributesDoc {
  @ApiPropertyOptional() readonly team?: string;
  @ApiPropertyOptional() readonly environment?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) readonly labels?: Record<
    string,
    string
  >;
}

export class KeySummaryDoc {
  @ApiProperty({ example: 'key_…' }) readonly id!: string;
  @ApiPropertyOptional() readonly name?: string;
  @ApiProperty({ example: 'wk_AbCdEfGh' }) readonly prefix!: string;
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) readonly status!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) readonly expiresAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) readonly graceEndsAt?: string;
  @ApiPropertyOptional() readonly replacedBy?: string;
  @ApiPropertyOptional() readonly rotatedFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Batched: may lag by the flush interval.' })
  readonly lastUsedAt?: string;
}

export class PrincipalResponseDoc {
  @ApiProperty({ example: 'prn_…' }) readonly id!: string;
  @ApiProperty() readonly organizationId!: string;
  @ApiProperty({ enum: PRINCIPAL_KINDS }) readonly kind!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ enum: ['active', 'suspended', 'revoked'] }) readonly status!: string;
  @ApiProperty({ type: PrincipalAttributesDoc }) readonly attributes!: PrincipalAttributesDoc;
  @ApiPropertyOptional() readonly ownerId?: string;
  @ApiProperty({ enum: ADMIN_ROLES, isArray: true }) readonly roles!: string[];
  @ApiProperty({ description: 'Send it in If-Match to update; also the ETag.' }) readonly version!: number;
  @ApiPropertyOptional({ type: KeySummaryDoc, isArray: true, description: 'On GET of one principal.' })
  readonly keys?: KeySummaryDoc[];
}

export class PrincipalPageDoc {
  @ApiProperty({ type: PrincipalResponseDoc, isArray: true }) readonly items!: PrincipalResponseDoc[];
  @ApiProperty({ type: String, nullable: true }) readonly nextCursor!: string | null;
}

class PreviousKeyDoc {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ format: 'date-time' }) readonly graceEndsAt!: string;
}

export class IssuedKeyResponseDoc {
  @ApiProperty({ example: 'key_…' }) readonly id!: string;
  @ApiProperty() readonly principalId!: string;
  @ApiPropertyOptional() readonly name?: string;
  @ApiPropertyOptional({
    example: 'wk_…',
    description: 'Shown in this response only (not in an idempotent replay), never again.',
  })
  readonly secret?: string;
  @ApiProperty() readonly prefix!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) readonly expiresAt?: string;
  @ApiPropertyOptional() readonly rotatedFrom?: string;
  @ApiPropertyOptional({ type: PreviousKeyDoc }) readonly previousKey?: PreviousKeyDoc;
}

class WhoamiPrincipalDoc {
  @ApiProperty() readonly id!: string;
  @ApiProperty() readonly organizationId!: string;
  @ApiProperty({ enum: PRINCIPAL_KINDS }) readonly kind!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ enum: ADMIN_ROLES, isArray: true }) readonly roles!: string[];
}

export class WhoamiResponseDoc {
  @ApiProperty({ enum: ['api_key', 'oidc', 'bootstrap'] }) readonly authenticatedWith!: string;
  @ApiPropertyOptional({ type: WhoamiPrincipalDoc }) readonly principal?: WhoamiPrincipalDoc;
  @ApiPropertyOptional() readonly keyId?: string;
  @ApiPropertyOptional({ description: 'true for the bootstrap token' }) readonly operator?: boolean;
}
