import { ean13 } from '../domain/ean';
import type { ItemPriceRule } from '../domain/itemPriceRule';
import type { ItemInput } from '../data/items';

// The demo shop: a small French convenience store with every VAT rate in use.
// Prices in cents, VAT-inclusive.

const FIXED: ItemPriceRule = { kind: 'fixed' };
/** The loi Lang: a book is sold at most 5 % below its publisher's price. */
const BOOK: ItemPriceRule = { kind: 'capped', maxDiscountBp: 500 };

export const DEMO_GROUPS: { code: string; name: string; rateBp: number; items: [string, number][]; priceRule?: ItemPriceRule }[] = [
  { code: 'BOUL', name: 'Boulangerie', rateBp: 550, items: [
    ['Baguette tradition', 130], ['Baguette classique', 110], ['Pain de campagne 400 g', 320], ['Pain complet 500 g', 350],
    ['Pain aux céréales', 360], ['Croissant', 120], ['Pain au chocolat', 135], ['Pain aux raisins', 160],
    ['Chausson aux pommes', 170], ['Brioche tressée', 450], ['Pain de mie', 260], ['Ficelle', 90],
    ['Fougasse aux olives', 380], ['Pain de seigle', 340], ['Éclair au café', 260], ['Éclair au chocolat', 260],
    ['Tarte aux fraises', 1850], ['Flan pâtissier part', 280], ['Macaron', 150], ['Madeleines x6', 320],
    ['Cookie', 180], ['Palmier', 150], ['Chouquettes x10', 250], ['Galette des rois 6 parts', 1990], ['Kouign-amann', 290],
  ] },
  { code: 'EPIC', name: 'Épicerie', rateBp: 550, items: [
    ['Pâtes spaghetti 500 g', 129], ['Pâtes penne 500 g', 129], ['Riz basmati 1 kg', 289], ['Farine de blé T55 1 kg', 119],
    ['Sucre en poudre 1 kg', 149], ["Huile d'olive vierge 75 cl", 899], ['Huile de tournesol 1 l', 329], ['Café moulu 250 g', 389],
    ['Thé vert 25 sachets', 279], ['Chocolat noir 70 % 100 g', 219], ['Confiture de fraises 370 g', 299], ['Miel de fleurs 500 g', 749],
    ['Lait demi-écrémé 1 l', 119], ['Beurre doux 250 g', 289], ['Œufs frais x6', 269], ['Yaourt nature x4', 179],
    ['Emmental râpé 200 g', 249], ['Comté 18 mois 200 g', 529], ['Jambon blanc x4', 359], ['Sardines à l\'huile', 219],
    ['Thon au naturel', 289], ['Lentilles vertes 500 g', 239], ['Sel de Guérande 1 kg', 349], ['Moutarde de Dijon', 199], ['Biscottes', 189],
  ] },
  { code: 'SOFT', name: 'Boissons sans alcool', rateBp: 550, items: [
    ['Eau minérale 1,5 l', 69], ['Eau gazeuse 1 l', 99], ['Jus d\'orange 1 l', 249], ['Jus de pomme 1 l', 229],
    ['Soda cola 1,5 l', 219], ['Limonade 1,5 l', 169], ['Thé glacé pêche 1,5 l', 199], ['Sirop de menthe 75 cl', 329],
    ['Eau minérale 50 cl', 59], ['Soda cola 33 cl', 99], ['Boisson énergisante 25 cl', 159], ['Jus multifruits 1 l', 219],
    ['Nectar d\'abricot 1 l', 239], ['Café froid 25 cl', 189], ['Smoothie mangue 25 cl', 299], ['Lait d\'avoine 1 l', 249],
    ['Tonic 1 l', 189], ['Sirop de grenadine 75 cl', 319], ['Eau aromatisée citron 1 l', 139], ['Kombucha 33 cl', 329],
    ['Jus de raisin 1 l', 259], ['Ginger beer 33 cl', 199], ['Eau de coco 33 cl', 279], ['Jus de tomate 1 l', 229], ['Orangeade 1,5 l', 179],
  ] },
  { code: 'CAVE', name: 'Vins et spiritueux', rateBp: 2000, items: [
    ['Bordeaux rouge 75 cl', 899], ['Côtes du Rhône 75 cl', 749], ['Beaujolais 75 cl', 799], ['Muscadet 75 cl', 699],
    ['Rosé de Provence 75 cl', 999], ['Champagne brut 75 cl', 2990], ['Crémant d\'Alsace 75 cl', 1190], ['Bière blonde x6', 699],
    ['Bière ambrée 75 cl', 449], ['Cidre brut 75 cl', 349], ['Pastis 70 cl', 2190], ['Calvados 70 cl', 3290],
    ['Cognac VS 70 cl', 3490], ['Whisky 70 cl', 2490], ['Rhum ambré 70 cl', 2290], ['Gin 70 cl', 2690],
    ['Chablis 75 cl', 1490], ['Sancerre 75 cl', 1690], ['Saint-Émilion 75 cl', 1990], ['Bière IPA 33 cl', 279],
    ['Vin blanc sec 75 cl', 649], ['Pineau des Charentes 75 cl', 1390], ['Kir cassis 70 cl', 1190], ['Poiré 75 cl', 399], ['Vodka 70 cl', 1990],
  ] },
  { code: 'SNAK', name: 'Snacking sur place', rateBp: 1000, items: [
    ['Café expresso', 150], ['Café allongé', 180], ['Cappuccino', 320], ['Chocolat chaud', 290],
    ['Thé', 220], ['Sandwich jambon-beurre', 450], ['Sandwich poulet crudités', 550], ['Croque-monsieur', 490],
    ['Quiche lorraine part', 420], ['Salade César', 790], ['Soupe du jour', 450], ['Panini fromage', 520],
    ['Wrap végétarien', 590], ['Formule déjeuner', 990], ['Part de pizza', 380], ['Hot-dog', 390],
    ['Crêpe sucre', 280], ['Crêpe Nutella', 350], ['Gaufre', 320], ['Salade de fruits', 390],
    ['Croque-madame', 560], ['Bagel saumon', 690], ['Tarte salée du jour', 480], ['Jus pressé minute', 420], ['Muffin', 290],
  ] },
  // Newspapers and magazines are sold at the publisher's price (prix imposé).
  { code: 'PRES', name: 'Presse', rateBp: 210, priceRule: FIXED, items: [
    ['Le Quotidien du matin', 290], ['Le Journal du soir', 300], ['Le Sport', 220], ['Le Régional', 150],
    ['L\'Hebdo actualités', 450], ['Magazine télé', 190], ['Magazine cuisine', 590], ['Magazine jardin', 650],
    ['Magazine auto', 590], ['Magazine science', 690], ['Magazine économie', 550], ['Magazine mode', 490],
    ['Journal des enfants', 250], ['Bande dessinée mensuelle', 790], ['Mots fléchés', 290], ['Sudoku', 250],
    ['Magazine voyage', 790], ['Magazine déco', 590], ['Magazine santé', 390], ['Magazine informatique', 690],
    ['Magazine histoire', 790], ['Magazine musique', 650], ['Magazine cinéma', 590], ['Magazine bricolage', 550], ['Le Courrier hebdo', 350],
  ] },
  { code: 'HYGI', name: 'Hygiène et droguerie', rateBp: 2000, items: [
    ['Savon de Marseille', 290], ['Gel douche 250 ml', 349], ['Shampooing 250 ml', 399], ['Dentifrice 75 ml', 249],
    ['Brosse à dents', 299], ['Déodorant', 389], ['Mouchoirs x10', 199], ['Papier toilette x6', 449],
    ['Essuie-tout x2', 329], ['Liquide vaisselle 500 ml', 219], ['Lessive liquide 1,5 l', 899], ['Éponges x3', 179],
    ['Sacs poubelle 30 l', 249], ['Coton-tiges x200', 159], ['Crème mains', 459], ['Rasoirs jetables x5', 529],
    ['Lingettes bébé x64', 289], ['Couches taille 4', 1299], ['Nettoyant multi-usage', 329], ['Vinaigre blanc 1 l', 129],
    ['Piles AA x4', 699], ['Ampoule LED', 599], ['Allumettes', 99], ['Bougie parfumée', 799], ['Pansements x20', 349],
  ] },
  { code: 'PAPE', name: 'Papeterie et cadeaux', rateBp: 2000, items: [
    ['Stylo bille bleu', 120], ['Stylo bille noir', 120], ['Crayon à papier HB', 80], ['Gomme', 90],
    ['Cahier 96 pages', 249], ['Bloc-notes A5', 199], ['Enveloppes x25', 299], ['Carte postale', 100],
    ['Carte d\'anniversaire', 390], ['Papier cadeau', 350], ['Ruban adhésif', 199], ['Colle en bâton', 179],
    ['Ciseaux', 399], ['Surligneur', 149], ['Agenda', 1290], ['Calendrier', 890],
    ['Carnet de timbres x12', 1548], ['Feutres x12', 599], ['Règle 30 cm', 129], ['Classeur', 349],
    ['Pochettes plastique x50', 449], ['Trombones x100', 149], ['Agrafeuse', 699], ['Post-it', 299], ['Porte-clés', 490],
  ] },
  // Last, so that the items before keep their barcodes.
  { code: 'LIVR', name: 'Librairie', rateBp: 550, priceRule: BOOK, items: [
    ['Guide de Lyon', 1490], ['Roman de poche', 850], ['Livre de cuisine lyonnaise', 2500], ['Album jeunesse', 1295], ['Dictionnaire de poche', 990],
  ] },
];

/** Stamps are sold at La Poste's price, whatever shelf they sit on. */
const FIXED_SKUS = new Set(['PAPE-017']);

/** 205 items with EAN-13 barcodes in the French GS1 range (376…), the same on every machine. */
export function demoItems(): ItemInput[] {
  const out: ItemInput[] = [];
  let n = 0;
  for (const g of DEMO_GROUPS) {
    g.items.forEach(([name, priceCents], i) => {
      n += 1;
      const sku = `${g.code}-${String(i + 1).padStart(3, '0')}`;
      out.push({
        sku,
        barcode: ean13(`3760000${String(n).padStart(5, '0')}`),
        name,
        priceCents,
        vatRateBp: g.rateBp,
        groupCode: g.code,
        priceRule: g.priceRule ?? (FIXED_SKUS.has(sku) ? FIXED : { kind: 'free' }),
      });
    });
  }
  return out;
}
