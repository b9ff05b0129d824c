import { strongestSpans } from './strongest-spans';

const span = (start: number, end: number, strength: number) => ({ start, end, strength });

describe('strongestSpans', () => {
  it('Given overlapping spans, When resolved, Then the strongest wins, a tie goes to the longer, and the rest come back in text order', () => {
    const kept = strongestSpans(
      [span(0, 4, 0.5), span(2, 6, 0.9), span(10, 12, 0.5), span(10, 15, 0.5), span(20, 22, 0.1)],
      (s) => s.strength,
    );

    expect(kept).toEqual([span(2, 6, 0.9), span(10, 15, 0.5), span(20, 22, 0.1)]);
  });

  it('Given spans that only touch, When resolved, Then both stay (end is exclusive)', () => {
    expect(strongestSpans([span(5, 8, 1), span(0, 5, 1)], (s) => s.strength)).toEqual([
      span(0, 5, 1),
      span(5, 8, 1),
    ]);
  });
});
