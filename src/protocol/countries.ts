/** COUNTRY_CODE is the international telephone prefix (the document: 1 USA, 44 UK, 46 Sweden). */
export const COUNTRIES: ReadonlyMap<number, string> = new Map([
  [1, 'USA'], [7, 'Russia'], [20, 'Egypt'], [27, 'South Africa'], [30, 'Greece'], [31, 'Netherlands'],
  [32, 'Belgium'], [33, 'France'], [34, 'Spain'], [36, 'Hungary'], [39, 'Italy'], [40, 'Romania'],
  [41, 'Switzerland'], [42, 'Czech Republic'], [43, 'Austria'], [44, 'UK'], [45, 'Denmark'], [46, 'Sweden'],
  [47, 'Norway'], [48, 'Poland'], [49, 'Germany'], [51, 'Peru'], [52, 'Mexico'], [53, 'Cuba'],
  [54, 'Argentina'], [55, 'Brazil'], [56, 'Chile'], [57, 'Colombia'], [58, 'Venezuela'], [60, 'Malaysia'],
  [61, 'Australia'], [62, 'Indonesia'], [63, 'Philippines'], [64, 'New Zealand'], [65, 'Singapore'],
  [66, 'Thailand'], [81, 'Japan'], [82, 'South Korea'], [84, 'Vietnam'], [86, 'China'], [90, 'Turkey'],
  [91, 'India'], [92, 'Pakistan'], [93, 'Afghanistan'], [94, 'Sri Lanka'], [95, 'Myanmar'], [98, 'Iran'],
  [212, 'Morocco'], [213, 'Algeria'], [216, 'Tunisia'], [218, 'Libya'], [234, 'Nigeria'], [254, 'Kenya'],
  [351, 'Portugal'], [352, 'Luxembourg'], [353, 'Ireland'], [354, 'Iceland'], [355, 'Albania'],
  [356, 'Malta'], [357, 'Cyprus'], [358, 'Finland'], [359, 'Bulgaria'], [370, 'Lithuania'], [371, 'Latvia'],
  [372, 'Estonia'], [373, 'Moldova'], [374, 'Armenia'], [375, 'Belarus'], [380, 'Ukraine'], [381, 'Yugoslavia'],
  [385, 'Croatia'], [386, 'Slovenia'], [387, 'Bosnia and Herzegovina'], [389, 'Macedonia'],
  [420, 'Czech Republic'], [421, 'Slovakia'], [852, 'Hong Kong'], [886, 'Taiwan'], [961, 'Lebanon'],
  [962, 'Jordan'], [965, 'Kuwait'], [966, 'Saudi Arabia'], [971, 'United Arab Emirates'], [972, 'Israel'],
]);
