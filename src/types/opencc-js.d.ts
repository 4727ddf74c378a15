// opencc-js declares types for its entry points but not for its dictionary modules, each a string of
// "source target|source target…" pairs (src/lib/zh-convert.ts loads them one by one).
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
