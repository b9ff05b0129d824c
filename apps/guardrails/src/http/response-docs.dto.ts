import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DetectorDto } from './detector.dto';

export class GuardrailProfileDoc {
  @ApiProperty({ example: 'gpr_…' }) readonly id!: string;
  @ApiProperty({ example: 'org_…' }) readonly organizationId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ type: [DetectorDto] }) readonly input!: DetectorDto[];
  @ApiProperty({ type: [DetectorDto] }) readonly output!: DetectorDto[];
  @ApiProperty({ description: 'Also in ETag; send it in If-Match to update.' }) readonly version!: number;
}

export class GuardrailProfilePageDoc {
  @ApiProperty({ type: [GuardrailProfileDoc] }) readonly items!: GuardrailProfileDoc[];
  @ApiProperty({ type: String, nullable: true }) readonly nextCursor!: string | null;
}

export class ScanFindingDoc {
  @ApiProperty({ example: 'EMAIL' }) readonly type!: string;
  @ApiProperty({ description: 'UTF-16 offset in the content' }) readonly start!: number;
  @ApiProperty({ description: 'exclusive' }) readonly end!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) readonly score!: number;
}

export class ScanResponseDoc {
  @ApiProperty({ enum: ['allow', 'flag', 'redact', 'block'] }) readonly action!: string;
  @ApiProperty({ type: [ScanFindingDoc] }) readonly findings!: ScanFindingDoc[];
  @ApiPropertyOptional({ description: 'The content with redacted spans replaced, when action is redact.' })
  readonly redacted?: string;
}
