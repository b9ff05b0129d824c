import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsObject, IsString, Matches } from 'class-validator';
import type { PolicyConnectionSpecV1 } from '@warden/contracts';
import { ConnectionSpecFieldsDto } from '../../http/connection-spec.dto';

export class CreateConnectionRequestDto extends ConnectionSpecFieldsDto {
  @ApiProperty({ example: 'prn_01hx' })
  @IsString()
  @Matches(/^prn_[A-Za-z0-9]+$/)
  readonly principalId!: string;

  @ApiProperty({ example: 'res_01hx' })
  @IsString()
  @Matches(/^res_[A-Za-z0-9]+$/)
  readonly resourceId!: string;

  @ApiProperty({ example: [{ action: 'model.chat', target: 'gpt-4o*' }] })
  @IsArray()
  @IsObject({ each: true })
  declare readonly operations: PolicyConnectionSpecV1['operations'];
}
