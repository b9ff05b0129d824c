import { registerDecorator, type ValidationOptions } from 'class-validator';

const LABEL_KEY = /^[A-Za-z0-9_.:/-]{1,63}$/;
export const MAX_LABELS = 50;
export const MAX_LABEL_VALUE = 200;

/** Free labels: at most 50 string values of ≤200 characters under keys of `[A-Za-z0-9_.:/-]{1,63}`. */
export function IsLabels(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isLabels',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `must be an object of at most ${MAX_LABELS} labels (keys ${LABEL_KEY.source}, string values up to ${MAX_LABEL_VALUE} characters)`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= MAX_LABELS &&
            entries.every(
              ([k, v]) => LABEL_KEY.test(k) && typeof v === 'string' && v.length <= MAX_LABEL_VALUE,
            )
          );
        },
      },
    });
  };
}
