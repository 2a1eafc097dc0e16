/** Words the generator draws feature names from (`feature_<w>_<w>_<w>`), in the spirit of Numerai's obfuscated names. */
export const featureWords: readonly string[] = [
  'abating', 'adnominal', 'antipathetic', 'apophthegmatic', 'argentine', 'balmier', 'bewitched', 'buckshee',
  'cadgy', 'canalicular', 'chelicerate', 'coccal', 'concave', 'contemplative', 'corinthian', 'cyanophyte',
  'decurrent', 'demisable', 'diluvial', 'doggish', 'dustier', 'elastic', 'enate', 'epigastric', 'exploitive',
  'fissionable', 'flintier', 'foursquare', 'gaudy', 'glottogonic', 'gubernacular', 'haemal', 'hendecasyllabic',
  'hypogastric', 'incommunicative', 'indusial', 'ironfisted', 'jerkwater', 'jingoistic', 'kerygmatic', 'leaved',
  'lentoid', 'loculicidal', 'lucrative', 'malleable', 'mancunian', 'mossy', 'nebulous', 'nubblier', 'observational',
  'oleaceous', 'ovular', 'palaeozoic', 'pistillate', 'plumbaginous', 'prolate', 'quadrilingual', 'queasy',
  'rheumy', 'roiled', 'rowable', 'scattershot', 'sciatic', 'skint', 'snuffly', 'stelar', 'subalpine', 'tachistoscopic',
  'thermal', 'tottery', 'trimeric', 'ultraism', 'ungentle', 'unadaptable', 'unstriped', 'unwooded', 'vulgarising',
  'waspier', 'wealthier', 'xeric', 'yelled', 'zincky', 'zippy'
];
