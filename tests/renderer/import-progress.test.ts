import { describe, expect, it } from 'vitest';
import { rateOf } from '../../renderer/src/app/api/use-job';
import { secondsLeft } from '../../renderer/src/features/imports/job-progress';
import { columnLetter, fileName, fileStem } from '../../renderer/src/features/imports/labels';

describe('job pace and time left', () => {
  it('the rate is the work done between the oldest and newest report, per second', () => {
    expect(rateOf([{ at: 1000, done: 0 }, { at: 1500, done: 500 }, { at: 3000, done: 4000 }])).toBe(2000);
    expect(rateOf([{ at: 0, done: 100 }, { at: 250, done: 150 }])).toBe(200);
  });

  it('has no rate without two reports apart in time, or when the count went backwards', () => {
    expect(rateOf([])).toBeNull();
    expect(rateOf([{ at: 10, done: 5 }])).toBeNull();
    expect(rateOf([{ at: 10, done: 5 }, { at: 10, done: 9 }])).toBeNull();
    expect(rateOf([{ at: 10, done: 9 }, { at: 20, done: 5 }])).toBeNull();
  });

  it('time left is what remains at that pace, rounded up; none without a pace or a total', () => {
    expect(secondsLeft({ done: 2000, total: 10_000, rate: 1000 })).toBe(8);
    expect(secondsLeft({ done: 1, total: 10, rate: 4 })).toBe(3);
    expect(secondsLeft({ done: 12, total: 10, rate: 4 })).toBe(0);
    expect(secondsLeft({ done: 10, total: 100, rate: null })).toBeNull();
    expect(secondsLeft({ done: 10, total: 100, rate: 0 })).toBeNull();
    expect(secondsLeft({ done: 0, total: 0, rate: 50 })).toBeNull();
  });
});

describe('import labels', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('column %i is %s, as Excel names it', (column, letter) => {
    expect(columnLetter(column)).toBe(letter);
  });

  it('file names come without folders from Windows and POSIX paths', () => {
    expect(fileName('C:\\Users\\王芳\\花名册.2025.xlsx')).toBe('花名册.2025.xlsx');
    expect(fileStem('C:\\Users\\王芳\\花名册.2025.xlsx')).toBe('花名册.2025');
    expect(fileStem('/media/usb/名单')).toBe('名单');
    expect(fileStem('/tmp/.csv')).toBe('.csv');
  });
});
