import { isUniqueViolation, sqlStateOf, violatedConstraint } from './sql-errors';

describe('sql error helpers', () => {
  it('given a driver error with a SQLSTATE and constraint, then both are read', () => {
    const error = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'warden_events_event_id_key',
    });

    expect([sqlStateOf(error), isUniqueViolation(error), violatedConstraint(error)]).toEqual([
      '23505',
      true,
      'warden_events_event_id_key',
    ]);
  });

  it.each([new Error('plain'), 'text', null, { code: 42 }])(
    'given %p, then there is no SQLSTATE',
    (error) => {
      expect([sqlStateOf(error), isUniqueViolation(error), violatedConstraint(error)]).toEqual([
        undefined,
        false,
        undefined,
      ]);
    },
  );
});
