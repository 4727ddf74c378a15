/** Word lists for the synthetic corpus. Invented for the benchmark; nothing here is real reporting. */

export const CATEGORIES = [
  'AI 產業動態', '模型與研究', '晶片與算力', '創業與投資', '政策與治理',
  '開發者工具', '企業導入', 'Podcast 筆記', '演講整理', '論文導讀',
];

const TAG_ZH = [
  '大型語言模型', '小模型', '開源 AI', '推論成本', '訓練資料', '多模態', '代理人', '檢索增強生成', '向量資料庫', '微調',
  '強化學習', '模型評測', '安全對齊', '資料中心', '電力', '半導體', '先進封裝', '高頻寬記憶體', '邊緣運算', '手機 AI',
  '自駕車', '機器人', '醫療 AI', '金融科技', '教育科技', '內容生成', '影像生成', '語音辨識', '翻譯', '搜尋引擎',
  '雲端服務', '企業軟體', '資安', '隱私', '著作權', '監管', '歐盟', '美國', '中國', '台灣',
  '日本', '韓國', '印度', '供應鏈', '出口管制', '創投', '併購', '上市', '估值', '營收',
  '訂閱制', '廣告', '開發者生態', '程式助理', '低程式碼', '資料標註', '合成資料', '知識圖譜', '推薦系統', '客服',
  '生產力', '工作流程', '人才', '研究實驗室', '學術界', '基準測試', '長上下文', '記憶體', '量化', '蒸餾',
];
const TAG_EN = [
  'AI 2026', 'LLM', 'GPU', 'TPU', 'NPU', 'RAG', 'Agents', 'MoE', 'Transformer', 'Diffusion',
  'RLHF', 'DPO', 'Scaling Laws', 'Benchmarks', 'Open Weights', 'Inference', 'Fine-tuning', 'Embeddings', 'Tokenizer', 'CUDA',
  'PyTorch', 'JAX', 'Kubernetes', 'Serverless', 'Edge AI', 'On-device', 'Robotics', 'Humanoid', 'Autonomy', 'Vision',
  'Speech', 'Music AI', 'Video AI', 'Search', 'Cloud', 'SaaS', 'API Pricing', 'Startups', 'Venture Capital', 'IPO',
  'M&A', 'Policy', 'EU AI Act', 'Export Controls', 'Energy', 'Data Centers', 'HBM', 'CoWoS', 'Chiplets', 'Photonics',
  'Quantization', 'Distillation', 'Long Context', 'Memory', 'Evaluation', 'Safety', 'Alignment', 'Interpretability', 'Open Source', 'Podcast',
  'Keynote', 'Paper', 'Interview', 'Earnings', 'Developer Tools', 'Copilot', 'Coding Agents', 'Synthetic Data', 'Multimodal', 'World Models',
  'Reasoning', 'Test-time Compute', 'Sovereign AI', 'Taiwan', 'Semiconductors', 'Foundry', 'Supply Chain', 'Compliance', 'Privacy', 'Security',
];
/** 150 tags, alternating Chinese and English so popular and rare terms mix both scripts. */
export const TAGS = [...TAG_ZH.flatMap((zh, i) => [zh, TAG_EN[i]]), ...TAG_EN.slice(TAG_ZH.length)];
if (TAGS.length !== 150 || new Set(TAGS).size !== 150 || TAGS.some((t) => !t)) {
  throw new Error(`bench: expected 150 distinct tags, got ${TAGS.length}`);
}

const COMPANY_STEMS = [
  'Nova', 'Quanta', 'Helix', 'Lumen', 'Vertex', 'Cobalt', 'Aurora', 'Zenith', 'Orbit', 'Prism',
  'Atlas', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Jade', 'Kite', 'Lattice', 'Mosaic',
];
const COMPANY_KINDS = ['AI', 'Labs', 'Compute'];
const COMPANY_ZH = ['新星', '量子', '螺旋', '流明', '頂點', '鈷藍', '極光', '天頂', '軌道', '稜鏡', '擎天', '餘燼', '獵鷹', '花崗', '港灣', '虹膜', '翠玉', '風箏', '晶格', '馬賽克'];
const KIND_ZH = ['智能', '實驗室', '算力'];
/** 60 invented companies: slug, English and Chinese names. */
export const COMPANIES = COMPANY_KINDS.flatMap((kind, k) =>
  COMPANY_STEMS.map((stem, s) => ({
    slug: `${stem}-${kind}`.toLowerCase(),
    name: `${stem} ${kind}`,
    nameZh: `${COMPANY_ZH[s]}${KIND_ZH[k]}`,
  })),
);

const GIVEN = ['Alex', 'Bea', 'Chen', 'Dana', 'Eli', 'Fang', 'Gus', 'Hana', 'Ivan', 'Jun'];
const FAMILY = ['Lin', 'Wang', 'Park', 'Silva', 'Okafor', 'Novak', 'Sato', 'Meyer'];
const SURNAME_ZH = ['林', '王', '朴', '席爾瓦', '奧卡福', '諾瓦克', '佐藤', '梅爾'];
const GIVEN_ZH = ['亞歷', '碧雅', '晨', '黛娜', '以利', '芳', '葛斯', '花', '伊凡', '俊'];
export const ROLES = ['執行長', '技術長', '研究總監', '共同創辦人', '產品副總', '首席科學家'];
/** 80 invented people. */
export const PEOPLE = FAMILY.flatMap((family, f) =>
  GIVEN.map((given, g) => ({
    slug: `${given}-${family}`.toLowerCase(),
    name: `${given} ${family}`,
    nameZh: `${SURNAME_ZH[f]}${GIVEN_ZH[g]}`,
  })),
);

export const SOURCES = [
  'AI 產業早餐會', 'The Compute Hour', '模型觀察站', 'Latent Talks', '矽島週報',
  'Scaling Notes', '開源派對', 'Inference Weekly', '台北 AI 論壇', 'Frontier Papers',
];

export const SUBJECTS = [
  '大型模型', '推論服務', '資料中心', '晶片供應', '開源社群', '企業客戶', '研究團隊', '新創公司', '雲端平台', '開發者',
  '監管機關', '投資人', '訓練流程', '評測方法', '產品團隊', '硬體架構', '代理人系統', '多模態模型', '邊緣裝置', '使用者',
];
export const VERBS = [
  '正在重新定義', '明顯降低了', '逐步改變', '加速推動', '重新思考', '持續擴大', '悄悄影響', '大幅提升',
  '開始挑戰', '深度整合', '意外放大', '反覆驗證',
];
export const OBJECTS = [
  '整體成本結構', '產品上市節奏', '市場競爭格局', '技術路線選擇', '人才流動方向', '資本配置方式',
  '使用者的期待', '軟硬體分工', '資料取得管道', '商業模式設計', '供應鏈布局', '安全與治理框架',
];
export const CONNECTIVES = [
  '換句話說，', '更重要的是，', '從另一個角度看，', '值得注意的是，', '不過，', '因此，', '事實上，', '與此同時，',
  '在訪談中，', '根據來賓的說法，', '回頭來看，', '長期而言，',
];
export const CLAUSES = [
  '這個趨勢在過去一年特別明顯', '多數團隊還在摸索最適合自己的做法', '短期內很難看到單一贏家',
  '真正的瓶頸往往不在模型本身', '成本下降的速度比預期快得多', '企業導入的速度取決於信任程度',
  '開源與閉源的界線越來越模糊', '硬體週期決定了軟體創新的節奏', '評測指標已經跟不上實際應用',
  '資料品質比資料數量更關鍵', '監管的不確定性讓投資更加謹慎', '台灣供應鏈在其中扮演關鍵角色',
];
export const HEADINGS = [
  '背景與脈絡', '核心論點', '技術細節', '市場與商業模式', '供應鏈觀察', '風險與限制', '來賓的預測',
  '與過去的比較', '對台灣的意義', '開發者視角', '投資人怎麼看', '我的觀察',
];
export const QUOTES = [
  '模型只是起點，真正的護城河是資料與分發。', '我們低估了推論成本下降對整個產業的影響。',
  '每一次算力翻倍，都會打開一批新的應用。', '開源不是慈善，而是一種競爭策略。',
  '企業買的不是模型，而是可以被信任的流程。', '十年後回頭看，今天的瓶頸都會顯得很可笑。',
];
