// The names findDrugMentions recognises: generics (lower case) and the brand names UK/US notes use
// as often as the generic. Kept apart from drugs.ts so the lexicon can grow without the matcher
// passing the file-size limit. Several names a line: the list is data, not code to read.

/** Generic names (lower case). */
// biome-ignore format: a word list, packed so the file stays short
export const DRUG_NAMES: readonly string[] = [
  'acetaminophen', 'aciclovir', 'acyclovir', 'adalimumab', 'albuterol', 'alendronate', 'alendronic acid',
  'allopurinol', 'amiodarone', 'amitriptyline', 'amlodipine', 'amoxicillin', 'anastrozole', 'apixaban',
  'aripiprazole', 'aspirin', 'atenolol', 'atorvastatin', 'azathioprine', 'azithromycin', 'baclofen', 'beclometasone',
  'bendroflumethiazide', 'betamethasone', 'bisoprolol', 'budesonide', 'bumetanide', 'buprenorphine', 'buscopan',
  'calcium carbonate', 'candesartan', 'carbamazepine', 'carbimazole', 'carbocisteine', 'carvedilol', 'cefalexin',
  'ceftriaxone', 'cefuroxime', 'cephalexin', 'cetirizine', 'chloramphenicol', 'chlorhexidine', 'chlorphenamine',
  'cholecalciferol', 'ciprofloxacin', 'citalopram', 'clarithromycin', 'clindamycin', 'clobetasol', 'clopidogrel',
  'clotrimazole', 'co-amoxiclav', 'co-careldopa', 'co-codamol', 'co-dydramol', 'co-trimoxazole', 'codeine',
  'colchicine', 'colecalciferol', 'cyanocobalamin', 'cyclizine', 'dabigatran', 'dalteparin', 'dapagliflozin',
  'denosumab', 'dexamethasone', 'diazepam', 'diclofenac', 'digoxin', 'dihydrocodeine', 'diltiazem', 'domperidone',
  'donepezil', 'doxazosin', 'doxycycline', 'doxylamine', 'dulaglutide', 'duloxetine', 'edoxaban', 'emollient',
  'empagliflozin', 'enalapril', 'enoxaparin', 'eplerenone', 'erythromycin', 'escitalopram', 'esomeprazole',
  'etanercept', 'ezetimibe', 'famotidine', 'fentanyl', 'ferrous fumarate', 'ferrous gluconate', 'ferrous sulfate',
  'ferrous sulphate', 'fexofenadine', 'finasteride', 'flucloxacillin', 'fluconazole', 'fluorouracil', 'fluoxetine',
  'fluticasone', 'folic acid', 'formoterol', 'fosfomycin', 'furosemide', 'fusidic acid', 'gabapentin', 'gliclazide',
  'glyceryl trinitrate', 'glycopyrronium', 'gtn', 'haloperidol', 'heparin', 'hydrochlorothiazide', 'hydrocortisone',
  'hydroxocobalamin', 'hydroxychloroquine', 'hydroxyzine', 'hyoscine', 'ibandronic acid', 'ibuprofen', 'indapamide',
  'insulin', 'insulin aspart', 'insulin glargine', 'ipratropium', 'irbesartan', 'isosorbide mononitrate',
  'ketoconazole', 'labetalol', 'lactulose', 'lamotrigine', 'lansoprazole', 'latanoprost', 'letrozole',
  'levetiracetam', 'levofloxacin', 'levomepromazine', 'levothyroxine', 'lidocaine', 'linagliptin', 'liquid paraffin',
  'liraglutide', 'lisinopril', 'lithium', 'loperamide', 'loratadine', 'lorazepam', 'losartan', 'macrogol',
  'magnesium', 'mebendazole', 'mebeverine', 'melatonin', 'memantine', 'mesalazine', 'metformin', 'methotrexate',
  'methylprednisolone', 'metoclopramide', 'metoprolol', 'metronidazole', 'miconazole', 'mirabegron', 'mirtazapine',
  'mometasone', 'montelukast', 'morphine', 'mupirocin', 'naproxen', 'nifedipine', 'nitrofurantoin', 'nitroglycerin',
  'nystatin', 'olanzapine', 'omeprazole', 'ondansetron', 'oseltamivir', 'oxybutynin', 'oxycodone', 'pantoprazole',
  'paracetamol', 'penicillin', 'peppermint oil', 'perindopril', 'permethrin', 'phenoxymethylpenicillin', 'phenytoin',
  'pioglitazone', 'pivmecillinam', 'potassium chloride', 'pravastatin', 'prednisolone', 'prednisone', 'pregabalin',
  'prochlorperazine', 'propranolol', 'quetiapine', 'quinine', 'ramipril', 'ranitidine', 'risedronate', 'risperidone',
  'rivaroxaban', 'ropinirole', 'rosuvastatin', 'salbutamol', 'salmeterol', 'semaglutide', 'senna', 'sertraline',
  'simvastatin', 'sitagliptin', 'sodium alginate', 'sodium chloride', 'sodium valproate', 'solifenacin',
  'spironolactone', 'sulfasalazine', 'sumatriptan', 'tamoxifen', 'tamsulosin', 'terbinafine', 'thiamine',
  'ticagrelor', 'timolol', 'tinzaparin', 'tiotropium', 'topiramate', 'tramadol', 'trazodone', 'trimethoprim',
  'valaciclovir', 'valacyclovir', 'valproate', 'valsartan', 'venlafaxine', 'verapamil', 'vitamin b12', 'vitamin d',
  'warfarin', 'zinc oxide', 'zoledronic acid', 'zopiclone',
];

/** Brand or shorthand → generic. */
// biome-ignore format: a word list, packed so the file stays short
export const BRANDS: Readonly<Record<string, string>> = {
  adcal: 'calcium carbonate', 'adcal-d3': 'calcium carbonate', advil: 'ibuprofen', augmentin: 'co-amoxiclav',
  bactrim: 'co-trimoxazole', bactroban: 'mupirocin', calpol: 'paracetamol', canesten: 'clotrimazole',
  cipro: 'ciprofloxacin', claritin: 'loratadine', clenil: 'beclometasone', 'co-amox': 'co-amoxiclav',
  coumadin: 'warfarin', crestor: 'rosuvastatin', daktarin: 'miconazole', deltacortril: 'prednisolone',
  dermol: 'emollient', diprobase: 'emollient', eliquis: 'apixaban', eltroxin: 'levothyroxine', epaderm: 'emollient',
  flagyl: 'metronidazole', flixotide: 'fluticasone', fosamax: 'alendronate', fostair: 'beclometasone',
  fucidin: 'fusidic acid', fultium: 'colecalciferol', gaviscon: 'sodium alginate', glucophage: 'metformin',
  humira: 'adalimumab', 'invita d3': 'colecalciferol', keflex: 'cephalexin', lantus: 'insulin glargine',
  lasix: 'furosemide', laxido: 'macrogol', lipitor: 'atorvastatin', lyrica: 'pregabalin', macrobid: 'nitrofurantoin',
  motrin: 'ibuprofen', movicol: 'macrogol', mtx: 'methotrexate', naprosyn: 'naproxen', neurontin: 'gabapentin',
  nexium: 'esomeprazole', norvasc: 'amlodipine', novorapid: 'insulin aspart', nurofen: 'ibuprofen',
  oramorph: 'morphine', pred: 'prednisolone', ozempic: 'semaglutide', piriton: 'chlorphenamine', plavix: 'clopidogrel',
  prilosec: 'omeprazole', prozac: 'fluoxetine', senokot: 'senna', septrin: 'co-trimoxazole', seretide: 'fluticasone',
  stexerol: 'colecalciferol', symbicort: 'budesonide', synthroid: 'levothyroxine', tamiflu: 'oseltamivir',
  tylenol: 'acetaminophen', valtrex: 'valaciclovir', ventolin: 'salbutamol', 'ventolin evohaler': 'salbutamol',
  voltarol: 'diclofenac', xarelto: 'rivaroxaban', zantac: 'ranitidine', zapain: 'co-codamol', zestril: 'lisinopril',
  zithromax: 'azithromycin', zocor: 'simvastatin', zoloft: 'sertraline', zovirax: 'aciclovir', zyrtec: 'cetirizine',
  amox: 'amoxicillin', fluclox: 'flucloxacillin', clari: 'clarithromycin', clarith: 'clarithromycin', doxy: 'doxycycline', trimeth: 'trimethoprim', nitrofur: 'nitrofurantoin', cefal: 'cefalexin', ibu: 'ibuprofen', parac: 'paracetamol', pcm: 'paracetamol',
  thyroxine: 'levothyroxine', zofran: 'ondansetron', flonase: 'fluticasone', lexapro: 'escitalopram', keppra: 'levetiracetam', coreg: 'carvedilol', lopressor: 'metoprolol', toprol: 'metoprolol', januvia: 'sitagliptin', jardiance: 'empagliflozin', farxiga: 'dapagliflozin', forxiga: 'dapagliflozin', singulair: 'montelukast', protonix: 'pantoprazole', pepcid: 'famotidine', miralax: 'macrogol', valium: 'diazepam', ativan: 'lorazepam', medrol: 'methylprednisolone', levaquin: 'levofloxacin', diflucan: 'fluconazole', lovenox: 'enoxaparin', flomax: 'tamsulosin', proscar: 'finasteride', imdur: 'isosorbide mononitrate', lanoxin: 'digoxin', aldactone: 'spironolactone', trulicity: 'dulaglutide', victoza: 'liraglutide', spiriva: 'tiotropium', prolia: 'denosumab',
};
