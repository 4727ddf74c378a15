/**
 * Converts a search query typed in Simplified Chinese to Traditional Chinese as used in Taiwan
 * (OpenCC's `cn` → `twp`: characters, phrases and Taiwan wording such as 软件 → 軟體), so that 推测性解码
 * finds the articles that say 推測性解碼. Runs in the browser, on the search page only.
 *
 * OpenCC's dictionaries are large: the Simplified → Traditional phrase list (STPhrases) is 1.0 MB of
 * JavaScript (about 400 kB gzipped), the character table (STCharacters) 33 kB, the Taiwan tables 19 kB.
 * So they load in steps, each only when a query needs it:
 * - a query without Han characters loads nothing;
 * - otherwise the character table and the Taiwan tables load (about 30 kB gzipped with the converter);
 *   a query with no Simplified-only character is searched as typed: 台北 and 里程碑 are Traditional as
 *   they stand, though OpenCC would write 臺北 and 裏程碑 (SHARED_WITH_TRADITIONAL);
 * - the phrase list loads only when the query holds a character whose conversion depends on the phrase
 *   it is in (发 → 發 or 髮, 制 → 制 or 製): AMBIGUOUS_SIMPLIFIED. Without such a character every phrase
 *   converts as its characters do, so the result is the same as with the phrase list (a unit test
 *   checks the list against the installed dictionaries).
 */

/**
 * The Simplified characters that some entry of OpenCC's STPhrases converts differently from its
 * character table (or that stand in an entry whose length changes). Derived from opencc-js 1.4.2;
 * tests/unit/zh-convert.test.ts derives it again from the installed package.
 */
export const AMBIGUOUS_SIMPLIFIED =
  '万丑个丰么了于云仆仇仑价仿伙余佛佣俊修借僵克党具冢冬冲凄准凌几凶出划别刮制千升卜占卤卷厂历厘参发只台叶叹吁吃合吊同后向吣呆周咨咸咽哄哗喂噪回团困坐坛堤复夫夸奸姜娘宁家尝尸尽局岩岳巨布帘席干并幸广庵弥弦当录彩征径御志念恒恤恶愈愿戚扇才扎托扣折抵拐拿挨挽捆据搜摆斗斤斫昆暗曲札术朱朴杆杠杯杰松板果枪柜栗核梁棱檗欲毁汇沈沾泛注浚涂涌淀游溪漓澄炼烟焰熏狸玩琅症皂矩确私秋种穗筑筱签糊系纤耇胄背胜胡脏腊腌膻致舍芸苏苔苹范荐荡荫药获蒙蔑藤虫虱蜡表袅谷豆象赞跖辟迹适郁酸采里鉴针钟铲链锄镰闲雕霉面须饥';

/**
 * Characters OpenCC's character table converts but Traditional text uses too: each stands on the
 * Traditional side of some STPhrases or STCharacters entry (台 in 天台, 里 in 公里). A query with only
 * these is taken as Traditional. Derived from opencc-js 1.4.2 like AMBIGUOUS_SIMPLIFIED.
 */
export const SHARED_WITH_TRADITIONAL = '万丑丰么于云仆价伙余佣党准几凶划占厂厘台叶吁吃后咨咸夸尸岩岳帘干广征恒愿据斗朴杠杰柜涂涌淀游熏皂确种筑胜腊腌膻苹范荐虫虱苧蜡跖辟适郁采里霉';

const HAN = /\p{Script=Han}/u;

/** Whether `text` has a Han character, i.e. may need converting at all. */
export const hasHan = (text: string): boolean => HAN.test(text);

/** Whether converting `text` needs OpenCC's phrase list (see AMBIGUOUS_SIMPLIFIED). */
export const needsPhrases = (text: string): boolean => [...text].some((char) => AMBIGUOUS_SIMPLIFIED.includes(char));

type Convert = (text: string) => string;

/** The converters a conversion is made of; the phrase-aware one is only there when it was needed. */
export interface Converters {
  /** Simplified → Traditional by the character table alone. */
  characters: Convert;
  /** Simplified → Traditional with the phrase list first. */
  phrases?: Convert;
  /** Traditional → Taiwan wording and variants (twp). */
  taiwan: Convert;
}

/** Whether `text` has a character only Simplified Chinese uses: one the table converts, not a shared one. */
export function isSimplified(text: string, characters: Convert): boolean {
  return [...text].some((char) => characters(char) !== char && !SHARED_WITH_TRADITIONAL.includes(char));
}

/**
 * The Taiwan Traditional form of `text`, or `text` itself when it has no Simplified-only character
 * (it is Traditional already, or has no Chinese). `converters.phrases` must be given when
 * needsPhrases(text).
 */
export function convertWith(text: string, converters: Converters): string {
  if (!isSimplified(text, converters.characters)) return text;
  const traditional = needsPhrases(text) ? required(converters.phrases)(text) : converters.characters(text);
  return converters.taiwan(traditional);
}

function required(convert: Convert | undefined): Convert {
  if (!convert) throw new Error('convertWith: the text needs the phrase list, but no phrase converter was given');
  return convert;
}

let base: Promise<Omit<Converters, 'phrases'> & { build: (phrases: string) => Convert }> | undefined;
let withPhrases: Promise<Convert> | undefined;

/** Loads the character and Taiwan tables once. */
function loadBase() {
  base ??= Promise.all([
    import('opencc-js/core'),
    import('opencc-js/dict/STCharacters'),
    import('opencc-js/dict/TWPhrases'),
    import('opencc-js/dict/TWVariantsPhrases'),
    import('opencc-js/dict/TWVariants'),
  ]).then(([{ ConverterFactory }, characters, twPhrases, twVariantPhrases, twVariants]) => ({
    characters: ConverterFactory([characters.default]),
    taiwan: ConverterFactory([twPhrases.default], [twVariantPhrases.default, twVariants.default]),
    build: (phrases: string) => ConverterFactory([phrases, characters.default]),
  }));
  return base;
}

/**
 * The query as it is searched: converted to Taiwan Traditional Chinese when it is Simplified, else
 * unchanged. Loads only the dictionaries the query needs (see the module comment).
 */
export async function toTraditional(text: string): Promise<string> {
  if (!hasHan(text)) return text;
  const { characters, taiwan, build } = await loadBase();
  let phrases: Convert | undefined;
  if (isSimplified(text, characters) && needsPhrases(text)) {
    withPhrases ??= import('opencc-js/dict/STPhrases').then((dict) => build(dict.default));
    phrases = await withPhrases;
  }
  return convertWith(text, { characters, phrases, taiwan });
}
