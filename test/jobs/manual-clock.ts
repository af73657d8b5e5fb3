/** A clock that only moves when the test moves it. */
export interface ManualClock {
  (): Date;
  set(at: Date | number): void;
  advance(ms: number): void;
  ms(): number;
}

export function manualClock(start: Date | number): ManualClock {
  let now = typeof start === 'number' ? start : start.getTime();
  const clock = (() => new Date(now)) as ManualClock;
  clock.set = (at) => {
    now = typeof at === 'number' ? at : at.getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  clock.ms = () => now;
  return clock;
}
