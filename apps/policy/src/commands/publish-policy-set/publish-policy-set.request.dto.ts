import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class PublishPolicySetRequestDto {
  @ApiProperty({
    description: "Cedar text, validated against Warden's Cedar schema; organization policies only forbid.",
    example:
      '@id("no-delete")\nforbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "fs.delete" };',
  })
  @IsString()
  @MaxLength(262144)
  readonly policies!: string;
}
