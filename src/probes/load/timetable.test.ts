import { describe, expect, it } from "vitest";
import { openTimetable, TICK_MS } from "./timetable.js";

describe("open-model timetable", () => {
  it("sends at each tick what falls due before the next one", () => {
    const table = openTimetable(1000, 5000, 6000);
    expect(table.total).toBe(1000);
    expect(table.sendableBy(5000)).toBe(1); // request 0, due now; request 1 is due on the next tick
    expect(table.sendableBy(5002.3)).toBe(4); // 0-2 are due, 3 falls due before 5003.3
    expect(table.wakeFor(4)).toBe(5004 - TICK_MS);
    expect(table.sendableBy(9000)).toBe(1000);
  });

  it("never sends a request more than a tick early, and never holds one that is due", () => {
    const table = openTimetable(700, 100, 1100); // due times fall everywhere between ticks
    const wrong: string[] = [];
    for (let now = 100; now < 1100; now += 0.037) {
      const n = table.sendableBy(now);
      const dueSoFar = Math.min(table.total, Math.floor((now - 100) * 0.7) + 1);
      if (n < dueSoFar) wrong.push(`${now}: holds a due request`);
      if (table.dueAt(n - 1) >= now + TICK_MS) wrong.push(`${now}: sends more than a tick early`);
      if (n < table.total && table.dueAt(n) < now + TICK_MS)
        wrong.push(`${now}: holds one due before the next tick`);
    }
    expect(wrong).toEqual([]);
  });
});
