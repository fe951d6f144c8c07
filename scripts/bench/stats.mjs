// min / median / max of a list of milliseconds, rounded to 0.1 ms: the shape of every bench row.
const round1 = (x) => Math.round(x * 10) / 10;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function stats(xs) {
  return { min: round1(Math.min(...xs)), median: round1(median(xs)), max: round1(Math.max(...xs)) };
}
