import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { validationPipe } from './validation-pipe';
import { ValidationFailedError } from './warden-error';

class LimitDto {
  @IsInt()
  @Min(1)
  requestsPerMinute!: number;
}

class CreateThingDto {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => LimitDto)
  rateLimit!: LimitDto;
}

const metadata: ArgumentMetadata = { type: 'body', metatype: CreateThingDto, data: '' };

async function rejectionOf(body: unknown): Promise<ValidationFailedError> {
  try {
    await validationPipe().transform(body, metadata);
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('expected a ValidationFailedError');
}

describe('validationPipe', () => {
  it('Given a valid body, When transformed, Then a DTO instance comes out', async () => {
    const dto: unknown = await validationPipe().transform(
      { name: 'n', rateLimit: { requestsPerMinute: 5 } },
      metadata,
    );

    expect(dto).toBeInstanceOf(CreateThingDto);
  });

  it('Given a bad nested field and an unknown property, When transformed, Then each becomes a dotted field error', async () => {
    const error = await rejectionOf({ name: 7, rateLimit: { requestsPerMinute: 0 }, extra: true });

    expect(error.code).toBe('validation_failed');
    expect(error.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must be a string' },
        { field: 'rateLimit.requestsPerMinute', message: 'must not be less than 1' },
        { field: 'extra', message: 'is not allowed' },
      ]),
    );
  });
});
