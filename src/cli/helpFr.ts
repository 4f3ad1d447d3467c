// The French of the command line's help: each description a command or option is given in
// English (src/cli/commands), as it says it in French. A description missing here is shown in
// English, and src/cli/help.test.ts says which.
export const helpFr: Record<string, string> = {
  'operator code (PIN: POS_PIN or typed; none for the configured service operator)':
    'code de l’opérateur (PIN : POS_PIN ou tapé ; aucun pour l’opérateur de service configuré)',
  'a manager’s or admin’s code (PIN: POS_PIN or typed; none for a configured service operator of that role)':
    'code d’un responsable ou d’un administrateur (PIN : POS_PIN ou tapé ; aucun pour un opérateur de service configuré de ce rôle)',
  'operator code (PIN: POS_PIN or typed; none for the configured service operator); a manager’s with --discount':
    'code de l’opérateur (PIN : POS_PIN ou tapé ; aucun pour l’opérateur de service configuré) ; celui d’un responsable avec --discount',
  'operator code (PIN: POS_PIN or typed)':
    'code de l’opérateur (PIN : POS_PIN ou tapé)',
  'the manager approving it (PIN: POS_MANAGER_PIN or typed)':
    'le responsable qui valide (PIN : POS_MANAGER_PIN ou tapé)',
  'the manager cancelling it (PIN: POS_MANAGER_PIN or typed)':
    'le responsable qui annule (PIN : POS_MANAGER_PIN ou tapé)',
  'the operators of the shop':
    'les opérateurs de la boutique',
  'lift the lock-out of an operator after too many wrong PINs, by a manager (logged)':
    'lève le blocage d’un opérateur après trop de PIN faux, par un responsable (journalisé)',
  'the manager lifting it (PIN: POS_MANAGER_PIN or typed)':
    'le responsable qui le lève (PIN : POS_MANAGER_PIN ou tapé)',
  'the locked operator':
    'l’opérateur bloqué',
  'point-of-sale till: `pos` opens the screen, the subcommands act without it':
    'caisse en ligne de commande : `pos` ouvre l’écran, les sous-commandes agissent sans lui',
  'till code (default: this till\'s, from the configuration)':
    'code de la caisse (par défaut : celui de cette caisse, d’après la configuration)',
  'no progress bar or progress message on standard error':
    'ni barre ni message de progression sur la sortie d’erreur',
  'language of messages':
    'langue des messages',
  'one JSON document on stdout (amounts in *_cents)':
    'un document JSON sur stdout (montants en *_cents)',
  'let the till run as the owner of the tables or a superuser of a store server':
    'laisse la caisse tourner en propriétaire des tables ou en superutilisateur d’un serveur de magasin',
  'apply the pending database migrations':
    'applique les migrations de la base en attente',
  'load the demo shop (store, tills, operators, 205 items); run again, it updates the same rows':
    'charge la boutique de démonstration (magasin, caisses, opérateurs, 205 articles) ; relancé, met à jour les mêmes lignes',
  'the demo shop (required: it is the only data set)':
    'la boutique de démonstration (obligatoire : c’est le seul jeu de données)',
  'import data from a file':
    'importe des données d’un fichier',
  'insert or update items from a CSV file (sku,barcode,name,price,vat,group[,price_rule]; separator , or ;)':
    'ajoute ou met à jour des articles depuis un fichier CSV (sku,barcode,name,price,vat,group[,price_rule] ; séparateur , ou ;)',
  'take a payment far above what is owed (beyond limits.accountOverpaymentCents)':
    'accepte un règlement très au-dessus de ce qui est dû (au-delà de limits.accountOverpaymentCents)',
  'CSV file':
    'fichier CSV',
  'the catalog':
    'le catalogue',
  'list active items by SKU':
    'les articles actifs, par référence',
  'only items whose name has every word (case and accents aside)':
    'seulement les articles dont le nom contient chaque mot (sans tenir compte de la casse ni des accents)',
  'how many (1–1000)':
    'combien (1–1000)',
  'how many to skip':
    'combien en sauter',
  'tickets of this till (or of --terminal)':
    'les tickets de cette caisse (ou de --terminal)',
  'commit a whole sale, as the till would':
    'enregistre une vente entière, comme la caisse le ferait',
  'operator code':
    'code de l’opérateur',
  'barcode or SKU, quantity (default 1, negative = returned item); repeatable':
    'code-barres ou référence, quantité (1 par défaut, négative = article rendu) ; répétable',
  'cash:12.50, card:12,50, voucher:CODE:20, account:15: amount handed over or paid out; repeatable':
    'cash:12.50, card:12,50, voucher:CODE:20, account:15 : montant remis ou rendu ; répétable',
  'the customer (their loyalty card code)':
    'le client (le code de sa carte de fidélité)',
  'a discount code to apply; repeatable':
    'un code de réduction à appliquer ; répétable',
  'idempotency key: the same key again returns the same ticket (default: a new UUID)':
    'clé d’idempotence : la même clé rend le même ticket (par défaut : un nouvel UUID)',
  'take back lines of a ticket, each credited what was paid for it, refunded the way the ticket was paid unless --tender says otherwise':
    'reprend des lignes d’un ticket, chacune créditée de ce qu’elle a été payée, remboursées comme le ticket a été payé sauf si --tender dit autrement',
  'the ticket: its printed label or barcode (T01-000123), or its number on this till':
    'le ticket : son libellé imprimé ou son code-barres (T01-000123), ou son numéro sur cette caisse',
  'a line of the ticket and how many of it come back (default 1); repeatable':
    'une ligne du ticket et combien en reviennent (1 par défaut) ; répétable',
  'how many come back of the one --line given':
    'combien reviennent de la seule --line donnée',
  'only list the lines of the ticket: sold, already returned, paid':
    'liste seulement les lignes du ticket : vendu, déjà rendu, payé',
  'one ticket, by number (42) or printed label (T01-000042)':
    'un ticket, par numéro (42) ou par libellé imprimé (T01-000042)',
  'the receipt text (a duplicate)':
    'le texte du ticket (un duplicata)',
  'ticket number or label':
    'numéro ou libellé du ticket',
  'latest tickets first':
    'les derniers tickets d’abord',
  'only this day (shop time zone)':
    'seulement ce jour (fuseau horaire du magasin)',
  'customers and their loyalty cards':
    'les clients et leurs cartes de fidélité',
  'a new customer (a code is made for them without --card)':
    'un nouveau client (un code lui est attribué sans --card)',
  'first name':
    'prénom',
  'last name':
    'nom',
  'company (for a business customer)':
    'société (pour un client professionnel)',
  'e-mail address':
    'adresse e-mail',
  'phone number':
    'numéro de téléphone',
  'a line of the postal address; repeatable':
    'une ligne de l’adresse postale ; répétable',
  'notes':
    'remarques',
  'customer group':
    'groupe de clients',
  'a standing discount of their own, e.g. 5 (or "none")':
    'une remise permanente qui lui est propre, par exemple 5 (ou "none")',
  'their loyalty card’s code (scanned or typed)':
    'le code de sa carte de fidélité (scanné ou tapé)',
  'change a customer’s details':
    'modifie les coordonnées d’un client',
  'close the customer: their card is refused at the till':
    'clôt le client : sa carte est refusée en caisse',
  'open a closed customer again':
    'rouvre un client clos',
  'the customer’s code (their card)':
    'le code du client (sa carte)',
  'a customer: details, points, visits, account, former cards, vouchers and their uses, latest tickets':
    'un client : coordonnées, points, passages, compte, anciennes cartes, bons d’achat et leurs utilisations, derniers tickets',
  'how many latest tickets (0–100)':
    'combien de derniers tickets (0–100)',
  'customers by words of their name, the start of their phone number or e-mail, or their code':
    'les clients par mots de leur nom, début de leur téléphone ou e-mail, ou leur code',
  'only this group':
    'seulement ce groupe',
  'active, inactive or all':
    'active, inactive ou all',
  'only customers whose account is below zero':
    'seulement les clients dont le compte est en dessous de zéro',
  'the next page (printed with the previous one)':
    'la page suivante (donnée avec la précédente)',
  'what to look for (nothing: everyone)':
    'ce qu’il faut chercher (rien : tout le monde)',
  'give a customer a loyalty card (a new one, or one replacing a lost card: the old code stops working)':
    'donne une carte de fidélité à un client (une nouvelle, ou une qui remplace une carte perdue : l’ancien code ne sert plus)',
  'the customer’s code now':
    'le code actuel du client',
  'the new card’s code':
    'le code de la nouvelle carte',
  'make or change a customer group, with its standing discount':
    'crée ou modifie un groupe de clients, avec sa remise permanente',
  'discount for its customers, e.g. 10 (or "none")':
    'remise pour ses clients, par exemple 10 (ou "none")',
  'group code, e.g. PRO':
    'code du groupe, par exemple PRO',
  'its name':
    'son nom',
  'the loyalty program: points, visits, rewards':
    'le programme de fidélité : points, passages, cadeaux',
  'a customer’s points and visits, the rewards reached, their latest movements':
    'les points et passages d’un client, les cadeaux atteints, ses derniers mouvements',
  'how many movements (0–1000)':
    'combien de mouvements (0–1000)',
  'print a customer’s loyalty slip (card, points, visits, reward within reach) on this till’s printer':
    'imprime le relevé de fidélité d’un client (carte, points, passages, cadeau à portée) sur l’imprimante de cette caisse',
  'show the program, or change it':
    'affiche le programme, ou le modifie',
  'points for each whole euro of a ticket (0: none)':
    'points par euro entier d’un ticket (0 : aucun)',
  'count one visit per sale to a customer':
    'compte un passage par vente à un client',
  'points expire this many months after they were earned':
    'les points expirent ce nombre de mois après avoir été gagnés',
  'what the shop’s printed cards start with (an unknown one is then said to be an unknown card)':
    'le début des cartes imprimées du magasin (une carte inconnue est alors dite inconnue)',
  'the rewards thresholds unlock':
    'les cadeaux que les seuils débloquent',
  'the rewards offered (--all: those taken out too)':
    'les cadeaux proposés (--all : aussi ceux retirés)',
  'also the rewards no longer offered':
    'aussi les cadeaux qui ne sont plus proposés',
  'a reward: its threshold (--points or --visits, which it then costs) and what it gives (--amount, --percent or --item)':
    'un cadeau : son seuil (--points ou --visits, qu’il coûte alors) et ce qu’il offre (--amount, --percent ou --item)',
  'shown on the ticket, e.g. "Café offert"':
    'affiché sur le ticket, par exemple "Café offert"',
  'threshold in points':
    'seuil en points',
  'threshold in visits':
    'seuil en passages',
  'an amount off the ticket':
    'un montant déduit du ticket',
  'a percentage off the ticket':
    'un pourcentage déduit du ticket',
  'one unit of this item free (barcode or SKU)':
    'une unité offerte de cet article (code-barres ou référence)',
  'applied as soon as the customer is attached, without the reward key':
    'appliqué dès que le client est sur le ticket, sans la touche cadeau',
  'take a reward out of the program (its history stays)':
    'retire un cadeau du programme (son historique reste)',
  'the reward’s number':
    'le numéro du cadeau',
  'the points an item earns per unit sold':
    'les points qu’un article rapporte par unité vendue',
  'the item’s SKU':
    'la référence de l’article',
  'points per unit (0: none)':
    'points par unité (0 : aucun)',
  'write off the points past their date (safe to run from cron)':
    'annule les points dont la date est passée (peut tourner depuis cron)',
  'customer accounts: balance, payments, monthly statements':
    'comptes clients : solde, règlements, relevés mensuels',
  'a customer’s account: balance, overdraft limit, what it can pay, latest movements':
    'le compte d’un client : solde, découvert autorisé, ce qu’il peut payer, derniers mouvements',
  'money paid onto a customer’s account (settling what they owe, or paying ahead)':
    'argent versé sur le compte d’un client (pour régler ce qu’il doit, ou d’avance)',
  'cash, card, cheque or transfer':
    'cash, card, cheque ou transfer',
  'who took the payment':
    'qui a pris le règlement',
  'in euros, e.g. 25,00':
    'en euros, par exemple 25,00',
  'set the overdraft limit: how far below zero the account may pay':
    'fixe le découvert autorisé : jusqu’où sous zéro le compte peut payer',
  'in euros, e.g. 150 (0: the account only pays from its credit)':
    'en euros, par exemple 150 (0 : le compte ne paie que sur son crédit)',
  'a month’s statement: opening balance, movements, closing balance (shop time zone)':
    'le relevé d’un mois : solde d’ouverture, mouvements, solde de clôture (fuseau horaire du magasin)',
  'the month, e.g. 2026-11':
    'le mois, par exemple 2026-11',
  'the shop’s gift cards (cartes cadeaux)':
    'les cartes cadeaux de la boutique',
  'a gift card: balance, last day, every movement of it (a balance enquiry)':
    'une carte cadeau : solde, dernier jour, chacun de ses mouvements (consultation du solde)',
  'spend an amount of a gift card for an order (web, pickup)':
    'prélève un montant sur une carte cadeau pour une commande (web, retrait)',
  'cancel what is left on a gift card (stolen, sold by mistake), by a manager (code and PIN)':
    'annule le solde d’une carte cadeau (volée, vendue par erreur), par un responsable (code et PIN)',
  'mark gift cards past their last day as expired, their balance written off (safe to run from cron)':
    'marque expirées les cartes cadeaux dont le dernier jour est passé, leur solde passé en perte (sans risque depuis cron)',
  'store-credit vouchers (bons d’achat)':
    'les bons d’achat',
  'issue a voucher for a trade-in or by hand, approved by a manager (code and PIN); prints its slip':
    'émet un bon d’achat pour une reprise ou à la main, approuvé par un responsable (code et PIN) ; imprime son ticket',
  'its value, e.g. 20 or 12,50':
    'sa valeur, par exemple 20 ou 12,50',
  'who issues it (default: the manager)':
    'qui l’émet (par défaut : le responsable)',
  'trade_in (reprise) or manual':
    'trade_in (reprise) ou manual',
  'the customer it is for':
    'le client à qui il est destiné',
  'last valid day (default: vouchers.validityMonths from today)':
    'dernier jour de validité (par défaut : vouchers.validityMonths à partir d’aujourd’hui)',
  'what was taken back, or why':
    'ce qui a été repris, ou pourquoi',
  'a voucher and every movement of it':
    'un bon d’achat et chacun de ses mouvements',
  'the code, as printed or scanned':
    'le code, imprimé ou scanné',
  'vouchers by code, customer, validity period, status; newest first, a page at a time':
    'les bons d’achat par code, client, période de validité, état ; les plus récents d’abord, page par page',
  'the code or its beginning':
    'le code ou son début',
  'the customer\'s code, or words of their name':
    'le code du client, ou des mots de son nom',
  'valid on or after this day':
    'valables ce jour ou après',
  'valid on or before this day':
    'valables ce jour ou avant',
  'active, used, expired or cancelled':
    'active, used, expired ou cancelled',
  'per page (1–1000)':
    'par page (1–1000)',
  'which page':
    'quelle page',
  'take an amount from a voucher for an order (web, pickup) or in store':
    'prend un montant sur un bon d’achat pour une commande (web, retrait) ou en magasin',
  'how much to take':
    'combien prendre',
  'web, pickup or store':
    'web, pickup ou store',
  'the order or document it pays for':
    'la commande ou le document qu’il paie',
  'idempotency key: the same key again takes nothing more (default: a new UUID)':
    'clé d’idempotence : la même clé ne prend rien de plus (par défaut : un nouvel UUID)',
  'who takes it':
    'qui le prend',
  'the code':
    'le code',
  'cancel what is left on a voucher, by a manager (code and PIN)':
    'annule ce qui reste sur un bon d’achat, par un responsable (code et PIN)',
  'why':
    'pourquoi',
  'mark vouchers past their last day as expired (safe to run from cron)':
    'marque comme expirés les bons d’achat dont le dernier jour est passé (peut tourner depuis cron)',
  'discount coupons (bons de réduction) and their codes':
    'les bons de réduction et leurs codes',
  'a new discount coupon':
    'un nouveau bon de réduction',
  'its symbol: codes are made from it (REMISE, REMISE1…)':
    'son symbole : les codes en sont faits (REMISE, REMISE1…)',
  'its name (not unique)':
    'son nom (pas forcément unique)',
  'ticket, customer, customer_group, bundle or threshold':
    'ticket, customer, customer_group, bundle ou threshold',
  'a percentage off, e.g. 10 or 12,5':
    'un pourcentage de remise, par exemple 10 ou 12,5',
  'an amount off, e.g. 5 or 2,50':
    'un montant de remise, par exemple 5 ou 2,50',
  'the price a bundle sells at':
    'le prix auquel se vend un lot',
  'the items it is on: SKUs, and @GROUP for an item group, comma-separated':
    'les articles concernés : références, et @GROUPE pour un groupe d’articles, séparés par des virgules',
  'threshold: least quantity of those items (of the ticket for a ticket discount)':
    'seuil : quantité minimale de ces articles (du ticket pour une remise sur le ticket)',
  'threshold: least amount of those items (of the ticket for a ticket discount)':
    'seuil : montant minimal de ces articles (du ticket pour une remise sur le ticket)',
  'a bundle part: SKUs or @GROUPs and how many, e.g. BOUL-001:2; repeatable':
    'une partie du lot : références ou @GROUPEs et combien, par exemple BOUL-001:2 ; répétable',
  'how many bundles one code gives on a ticket (default: all)':
    'combien de lots un code accorde sur un ticket (par défaut : tous)',
  'who the codes are for: none, customer or group (default: the table\'s for the type)':
    'à qui sont les codes : none, customer ou group (par défaut : selon le type)',
  'customer on the document: optional, required or matching (the code\'s customer or group)':
    'client sur le document : optional, required ou matching (le client ou le groupe du code)',
  'uses limited globally, per store or per customer: global, store, customer':
    'utilisations limitées au total, par magasin ou par client : global, store, customer',
  'how many uses of each code in that scope':
    'combien d’utilisations de chaque code dans cette portée',
  'first valid day (2026-12-01 or 01/12/2026)':
    'premier jour de validité (2026-12-01 ou 01/12/2026)',
  'last valid day':
    'dernier jour de validité',
  'days and hours, e.g. "mar-jeu 14:00-16:00; sam" (empty: any time)':
    'jours et heures, par exemple "mar-jeu 14:00-16:00; sam" (vide : à toute heure)',
  'not combinable with other coupons':
    'non cumulable avec d’autres bons de réduction',
  'stores that may grant it, comma-separated (empty: every store)':
    'magasins qui peuvent l’accorder, séparés par des virgules (vide : tous)',
  'promotion conditions, printed on the ticket':
    'conditions de la promotion, imprimées sur le ticket',
  'numbering scheme its codes are made from (empty: from the symbol)':
    'numérotation dont ses codes sont faits (vide : à partir du symbole)',
  'not usable until activated':
    'inutilisable tant qu’il n’est pas activé',
  'change a discount coupon: the options given, the others stay':
    'modifie un bon de réduction : les options données, les autres restent',
  'no usage limit any more':
    'plus de limite d’utilisation',
  'combinable with other coupons again':
    'de nouveau cumulable avec d’autres bons de réduction',
  'usable':
    'utilisable',
  'not usable':
    'inutilisable',
  'the coupon\'s symbol':
    'le symbole du bon de réduction',
  'every discount coupon: name, active, validity, discount and type, schedule':
    'tous les bons de réduction : nom, actif, validité, remise et type, horaires',
  'one discount coupon, every field':
    'un bon de réduction, chaque champ',
  'where a code was used (Utilisations): ticket, store, customer, amount, time':
    'où un code a servi (Utilisations) : ticket, magasin, client, montant, heure',
  'the codes of a discount coupon':
    'les codes d’un bon de réduction',
  'make codes: the next from the symbol or the scheme, one per customer, per member of a group, per customer group, or one typed':
    'crée des codes : les suivants d’après le symbole ou la numérotation, un par client, par membre d’un groupe, par groupe de clients, ou un code tapé',
  'how many anonymous codes (1–1000000)':
    'combien de codes anonymes (1–1000000)',
  'one code for this customer; repeatable':
    'un code pour ce client ; répétable',
  'one code for each active customer of this customer group':
    'un code pour chaque client actif de ce groupe',
  'one code for this customer group; repeatable':
    'un code pour ce groupe de clients ; répétable',
  'the code, typed by hand':
    'le code, tapé à la main',
  'first valid day (default: the coupon\'s)':
    'premier jour de validité (par défaut : celui du bon)',
  'last valid day (default: the coupon\'s)':
    'dernier jour de validité (par défaut : celui du bon)',
  'inactive (default) or active':
    'inactive (par défaut) ou active',
  'a remark':
    'une remarque',
  'the ticket that gives the codes (42 or T01-000042): printed on its reprint':
    'le ticket qui donne les codes (42 ou T01-000042) : imprimés sur sa réimpression',
  'codes from a CSV file: code,valid_from,valid_until,status,customer,group,description (only code required)':
    'des codes depuis un fichier CSV : code,valid_from,valid_until,status,customer,group,description (seul code est obligatoire)',
  'CSV file (, or ;)':
    'fichier CSV (, ou ;)',
  'a coupon\'s codes: validity, status, customer or group, source, uses':
    'les codes d’un bon de réduction : validité, état, client ou groupe, origine, utilisations',
  'only inactive, active or blocked codes':
    'seulement les codes inactive, active ou blocked',
  'block codes for good: never usable again, their text free for a new code':
    'bloque des codes pour de bon : plus jamais utilisables, leur texte libre pour un nouveau code',
  'the codes':
    'les codes',
  'make codes usable: those named, or every inactive code of a coupon with --all':
    'rend des codes utilisables : ceux nommés, ou chaque code inactif d’un bon avec --all',
  'every inactive code of this coupon':
    'chaque code inactif de ce bon',
  'change a code: its days, status, customer or group, description':
    'modifie un code : ses jours, son état, son client ou groupe, sa description',
  'first valid day ("" for the coupon\'s)':
    'premier jour de validité ("" pour celui du bon)',
  'inactive, active or blocked':
    'inactive, active ou blocked',
  'the customer it is for ("" for none)':
    'le client à qui il est destiné ("" pour aucun)',
  'the customer group it is for ("" for none)':
    'le groupe de clients à qui il est destiné ("" pour aucun)',
  'numbering schemes codes can be made from':
    'les numérotations dont les codes peuvent être faits',
  'a numbering scheme: {N:6} the next number, {R:8} random characters, {YY}/{YYYY} the year':
    'une numérotation : {N:6} le numéro suivant, {R:8} des caractères au hasard, {YY}/{YYYY} l’année',
  'e.g. BR{YY}-{N:6}':
    'par exemple BR{YY}-{N:6}',
  'not to be chosen for now':
    'à ne pas choisir pour le moment',
  'its code':
    'son code',
  'the numbering schemes':
    'les numérotations',
  'let the scheme be chosen':
    'laisse choisir la numérotation',
  'keep the scheme from being chosen':
    'empêche de choisir la numérotation',
  'verify every invariant: balances against their ledgers, coupon limits, ticket numbering, print jobs; exit 1 naming each break':
    'vérifie chaque invariant : soldes contre leurs registres, limites des codes promo, numérotation des tickets, impressions ; sort avec 1 en nommant chaque anomalie',
  'reports':
    'états',
  'what the shop owes on store-credit vouchers, from their ledger':
    'ce que le magasin doit sur les bons d’achat, d’après leur registre',
  'at the end of this day (shop time zone); default: now':
    'à la fin de ce jour (fuseau horaire du magasin) ; par défaut : maintenant',
  'sales by item, by item group, by hour and day; gift cards sold apart from VAT-able revenue':
    'les ventes par article, par rayon, par heure et par jour ; les cartes cadeaux vendues à part du chiffre soumis à TVA',
  'payments by tender: how many and how much; they add up to the tickets':
    'les encaissements par moyen de paiement : combien et pour quel montant ; ils font le total des tickets',
  'what the shop owes on gift cards and vouchers at the end of --to, by age, and what expired unspent in the period':
    'ce que le magasin doit sur les cartes cadeaux et les bons d’achat à la fin de --to, par ancienneté, et ce qui a expiré sans être utilisé sur la période',
  'gift cards one by one: sold, spent, expired, balance':
    'les cartes cadeaux une à une : vendu, utilisé, expiré, solde',
  'first day, JJ/MM/AAAA or AAAA-MM-JJ (default: the last day)':
    'premier jour, JJ/MM/AAAA ou AAAA-MM-JJ (par défaut : le dernier jour)',
  'last day, included (default: today, shop time zone)':
    'dernier jour, inclus (par défaut : aujourd’hui, fuseau horaire du magasin)',
  'one store only (default: all)':
    'un seul magasin (par défaut : tous)',
  'CSV on stdout, for a spreadsheet':
    'CSV sur la sortie standard, pour un tableur',
  'keys for the HTTP API (pos serve)':
    'les clés de l’API HTTP (pos serve)',
  'make a key; it is shown once and only its hash is kept':
    'crée une clé ; elle n’est montrée qu’une fois et seule son empreinte est gardée',
  'the store its redemptions are booked to (default: this till’s)':
    'le magasin où ses encaissements sont comptés (par défaut : celui de cette caisse)',
  'what uses it, e.g. eshop':
    'ce qui l’utilise, par exemple eshop',
  'the keys, live and revoked':
    'les clés, actives et révoquées',
  'revoke a key: it stops working at once':
    'révoque une clé : elle cesse de marcher aussitôt',
  'HTTP JSON API for the e-shop: look up and redeem vouchers and gift cards (see `pos api-key`)':
    'API HTTP JSON pour la boutique en ligne : consulter et encaisser des bons d’achat et des cartes cadeaux (voir `pos api-key`)',
  'address to listen on':
    'adresse d’écoute',
  'port to listen on':
    'port d’écoute',
  'this till\'s printer, drawer, scanners and customer display, with their state':
    'l’imprimante, le tiroir, les lecteurs et l’afficheur client de cette caisse, avec leur état',
  'print a test page (printer), open the drawer (drawer: --manager, PIN in POS_MANAGER_PIN), wait for a scan (scanner), write to the display (display)':
    'imprime une page de test (printer), ouvre le tiroir (drawer : --manager, PIN dans POS_MANAGER_PIN), attend un scan (scanner), écrit sur l’afficheur (display)',
  'a manager\'s code, to open the drawer':
    'le code d’un responsable, pour ouvrir le tiroir',
  'how long to wait for a scan':
    'combien de temps attendre un scan',
  'this till\'s latest print jobs and what became of them':
    'les derniers travaux d’impression de cette caisse et ce qu’ils sont devenus',
  'only those not printed':
    'seulement ceux non imprimés',
  'print stored jobs again on this till\'s printer (numbers from `pos devices jobs`), or every one not printed (--unprinted, oldest first)':
    'imprime de nouveau des travaux gardés sur l’imprimante de cette caisse (numéros de `pos devices jobs`), ou chacun de ceux non imprimés (--unprinted, les plus anciens d’abord)',
  'every job of this till not printed yet':
    'chaque travail de cette caisse pas encore imprimé',
  'discard stored jobs nobody will want printed (a test page, a receipt left behind), or every one not printed (--unprinted); a manager approves, and it is audited':
    'écarte des travaux gardés que personne ne voudra imprimer (une page de test, un ticket oublié), ou chacun de ceux non imprimés (--unprinted) ; un responsable approuve, et c’est tracé',
  'why (kept in the audit log)':
    'pourquoi (gardé dans le journal d’audit)',
  // e-shop gift certificates (BigCommerce)
  'e-shop gift certificates (BigCommerce) used at the till':
    'chèques-cadeaux de la boutique en ligne (BigCommerce) utilisés en caisse',
  'a certificate as BigCommerce has it now (balance, status, last day), with its uses in store from our ledger':
    'un chèque-cadeau tel que BigCommerce le connaît (solde, état, dernier jour), avec ses utilisations en magasin d’après notre registre',
  'the code, as the customer gives it':
    'le code, tel que le client le donne',
  'debits taken from a certificate that are on no ticket (a till stopped between the debit and the ticket), or whose outcome is unknown':
    'les débits pris sur un chèque-cadeau qui ne sont sur aucun ticket (une caisse arrêtée entre le débit et le ticket), ou dont l’issue est inconnue',
  'give a debit on no ticket back to its certificate, approved by a manager (code and PIN)':
    'rend à son chèque-cadeau un débit qui n’est sur aucun ticket, validé par un responsable (code et PIN)',
  'the debit’s number, from `pos giftcert pending`':
    'le numéro du débit, d’après `pos giftcert pending`',
  // pos keys (issue 12)
  'item keys of the sale screen (pages of quick keys for items sold without a barcode)':
    'les touches de vente de l’écran de caisse (pages de touches pour les articles vendus sans code-barres)',
  'makes the pages of the configuration file (itemKeys.pages) those of the store, or of one till; one unknown item refuses them all':
    'fait des pages du fichier de configuration (itemKeys.pages) celles du magasin, ou d’une caisse ; un article inconnu les refuse toutes',
  "that till's own pages (they replace the store's on it)":
    'les pages propres à cette caisse (elles y remplacent celles du magasin)',
  "the pages a till shows (its own, or its store's), or with --till those of one till":
    'les pages que montre une caisse (les siennes, ou celles de son magasin), ou avec --till celles d’une caisse',
  "the pages of that till (its own, or its store's)":
    'les pages de cette caisse (les siennes, ou celles de son magasin)',
  // pos stock (issue 12)
  'stock per store: figures, deliveries, counts, adjustments, thresholds':
    'le stock par magasin : quantités, réceptions, inventaires, ajustements, seuils',
  "an item's figure, thresholds, last sale and latest movements (who, where, when); --all: every stocked item":
    'le stock d’un article, ses seuils, sa dernière vente et ses derniers mouvements (qui, où, quand) ; --all : tous les articles suivis',
  'every stocked item of the store':
    'tous les articles suivis en stock du magasin',
  "the store (default: this till's)":
    'le magasin (par défaut : celui de cette caisse)',
  'SKU or barcode':
    'référence ou code-barres',
  'book goods received: each line adds to its figure; one bad line refuses them all, nothing booked':
    'enregistre une réception : chaque ligne s’ajoute au stock ; une ligne fausse les refuse toutes, rien n’est enregistré',
  'an item (SKU or barcode) and the quantity received; repeatable':
    'un article (référence ou code-barres) et la quantité reçue ; répétable',
  'a CSV file of sku,qty lines (separator , or ;)':
    'un fichier CSV de lignes sku,qty (séparateur , ou ;)',
  'the delivery note':
    'le bon de livraison',
  'book a stock-take: each figure becomes what was counted, the difference a movement; one bad line refuses them all':
    'enregistre un inventaire : chaque stock devient ce qui a été compté, l’écart est un mouvement ; une ligne fausse les refuse toutes',
  'an item (SKU or barcode) and the quantity counted; repeatable':
    'un article (référence ou code-barres) et la quantité comptée ; répétable',
  'the stock-take (a name, a date)':
    'l’inventaire (un nom, une date)',
  'change a figure by hand (breakage, theft, a mistake), with its reason, approved by a manager':
    'corrige un stock à la main (casse, vol, erreur), avec sa raison, validé par un responsable',
  'why (200 characters at most)':
    'pourquoi (200 caractères au plus)',
  'the change: +3, -2':
    'l’écart : +3, -2',
  'send goods to another store: out of this one, into that one, together':
    'envoie des articles à un autre magasin : sortis d’ici et entrés là-bas ensemble',
  'the store receiving them':
    'le magasin qui les reçoit',
  'the transfer note':
    'le bon de transfert',
  'how many':
    'combien',
  'items at or under their threshold: quantity, threshold, last sale (to reorder)':
    'les articles au seuil ou en dessous : stock, seuil, dernière vente (à commander)',
  'CSV on stdout (sku,name,qty,threshold,last_sale)':
    'CSV sur stdout (sku,name,qty,threshold,last_sale)',
  "set an item's minimum threshold (every store), or a store's own with --store; - takes it off":
    'fixe le seuil minimum d’un article (tous magasins), ou celui d’un magasin avec --store ; - l’enlève',
  "this store's own threshold, over the item's":
    'le seuil propre à ce magasin, plutôt que celui de l’article',
  'the threshold: 0 or more, or -':
    'le seuil : 0 ou plus, ou -',
  'whether selling an item moves stock (no: a coffee served, a service, a gift card)':
    'si la vente d’un article mouvemente le stock (non : un café servi, un service, une carte cadeau)',
  'yes or no':
    'oui ou non',
  // pos offline (issue 13)
  "sales made with the server away: this till's journal and its reserved ticket numbers":
    'les ventes faites serveur injoignable : le journal de cette caisse et ses numéros de ticket réservés',
  'send the journal to the database now, each sale once under its key; then reserve the next block of numbers':
    'envoie le journal à la base maintenant, chaque vente une fois sous sa clé ; puis réserve la plage de numéros suivante',
  'the offline sales the database refused at replay, each with its reason (exit 1 while any waits for a manager; no database needed)':
    'les ventes hors ligne refusées par la base à l’envoi, chacune avec sa raison (sortie 1 tant qu’une attend un responsable ; sans la base)',
  'what waits in the journal, the reserved numbers, the journals sent, the operators kept and the offline sign-ins to send (no database needed)':
    'ce qui attend dans le journal, les numéros réservés, les journaux envoyés, les opérateurs gardés et les connexions hors ligne à envoyer (sans la base)',
  // pos close (issue 14)
  'closings (Z): day, month, year, signed and chained; the X report; their verification':
    'les clôtures (Z) : journée, mois, année, signées et chaînées ; le rapport X ; leur vérification',
  'the daily closing (Z) of this till, or of its store: today, or --date; earlier days left open are closed first':
    'la clôture journalière (Z) de cette caisse, ou de son magasin : aujourd’hui, ou --date ; les jours précédents restés ouverts sont clôturés d’abord',
  'the monthly closing, built on the days’ (their open days closed first): the last ended month, or --date':
    'la clôture mensuelle, faite des clôtures des jours (les jours restés ouverts clôturés d’abord) : le dernier mois terminé, ou --date',
  'the yearly closing (fiscal year: closings.fiscalYearStartMonth), built on the months’: the last ended year, or --date':
    'la clôture annuelle (exercice : closings.fiscalYearStartMonth), faite des clôtures des mois : le dernier exercice terminé, ou --date',
  'a day in the period (JJ/MM/AAAA or AAAA-MM-JJ); AAAA-MM for a month; AAAA for a year':
    'un jour de la période (JJ/MM/AAAA ou AAAA-MM-JJ) ; AAAA-MM pour un mois ; AAAA pour une année',
  'the whole store (its tills’ open days closed first), not this till':
    'tout le magasin (les jours ouverts de ses caisses clôturés d’abord), pas seulement cette caisse',
  'print it on the receipt printer':
    'l’imprimer sur l’imprimante à tickets',
  'the X report: the running period’s figures now (nothing is closed)':
    'le rapport X : les chiffres de la période en cours (rien n’est clôturé)',
  'the whole store, not this till':
    'tout le magasin, pas seulement cette caisse',
  'day (default), month or year':
    'day (jour, par défaut), month (mois) ou year (année)',
  'the store’s public key (Ed25519, PEM) that checks the closings’ signatures; --export writes it to a file':
    'la clé publique du magasin (Ed25519, PEM) qui vérifie les signatures des clôtures ; --export l’écrit dans un fichier',
  'write the PEM to this file':
    'écrire le PEM dans ce fichier',
  'recomputes every closing’s hash, signature, chain link and figures, and compares the heads file; exits 1 at a break':
    'recalcule l’empreinte, la signature, le chaînage et les chiffres de chaque clôture, et compare le fichier des têtes ; sort avec 1 à la première rupture',
  'the heads file to compare (default: this till’s data folder’s)':
    'le fichier des têtes à comparer (par défaut : celui du dossier de données de cette caisse)',
  'check the signatures with this exported public key, not the database’s':
    'vérifier les signatures avec cette clé publique exportée, pas celle de la base',
  'only closings of periods from this day (JJ/MM/AAAA or AAAA-MM-JJ)':
    'seulement les clôtures des périodes à partir de ce jour (JJ/MM/AAAA ou AAAA-MM-JJ)',
  'only closings of periods up to this day':
    'seulement les clôtures des périodes jusqu’à ce jour',
  're-compute every fiscal chain (sealed tickets, technical journal, notes, closings) and name the first broken links; exit 1 if any':
    'recalcule chaque chaîne fiscale (tickets scellés, journal technique, notes, clôtures) et nomme les premières ruptures ; sortie 1 s’il y en a',
  'first day, JJ/MM/AAAA or AAAA-MM-JJ (default: the first link)':
    'premier jour, JJ/MM/AAAA ou AAAA-MM-JJ (par défaut : le premier maillon)',
  'last day, included (default: the last link)':
    'dernier jour, inclus (par défaut : le dernier maillon)',
  'chain heads kept outside the database (a heads file, or a JSON list), to find links deleted from the end (default: the data folder’s heads file)':
    'têtes de chaîne gardées hors de la base (un fichier des têtes, ou une liste JSON), pour trouver les maillons supprimés en fin de chaîne (par défaut : le fichier des têtes du dossier de données)',
  'check an archive file (pos archive) on its own, without the database':
    'vérifie un fichier d’archive (pos archive) seul, sans la base',
  'the store’s public key exported beforehand (pos close key --export): checks the closings’ (or the archive’s) signatures with it, not with the key the database (or the archive) holds':
    'la clé publique du magasin exportée auparavant (pos close key --export) : vérifie avec elle les signatures des clôtures (ou de l’archive), pas avec la clé que la base (ou l’archive) contient',
  'write a month’s sealed tickets, journal, notes and closings of this store, with their seals, signed by the store’s key, into one file':
    'écrit dans un seul fichier les tickets scellés, le journal, les notes et les clôtures d’un mois de ce magasin, avec leurs sceaux, signé par la clé du magasin',
  'training mode ("mode école") of this till: on or off (a manager, journalled); without a state, says it':
    'mode école de cette caisse : on ou off (un responsable, journalisé) ; sans état, le dit',
  'on or off':
    'on ou off',
  'the month, AAAA-MM':
    'le mois, AAAA-MM',
  'the file to write (default: archives/archive-<store>-<month>.json in the data folder)':
    'le fichier à écrire (par défaut : archives/archive-<magasin>-<mois>.json dans le dossier de données)',
  'record and print a note (pro forma) of a basket, not paid: sealed, never a ticket':
    'enregistre et imprime une note (pro forma) d’un panier non payé : scellée, jamais un ticket',
  'barcode or SKU and quantity (default 1); repeatable':
    'code-barres ou SKU et quantité (1 par défaut) ; répétable',
  'the stores: name, address and SIRET on receipts, time zone, receipt header and footer':
    'les magasins : nom, adresse et SIRET sur les tickets, fuseau horaire, en-tête et pied de ticket',
  'every store':
    'tous les magasins',
  'make a store (an admin)':
    'crée un magasin (un administrateur)',
  'the name printed on receipts':
    'le nom imprimé sur les tickets',
  'a line of the postal address (repeat for each; replaces them all)':
    'une ligne de l’adresse postale (répétez pour chacune ; remplace toutes les lignes)',
  'the SIRET (14 digits, spaces allowed), printed on receipts; empty to remove':
    'le SIRET (14 chiffres, espaces permises), imprimé sur les tickets ; vide pour l’ôter',
  'IANA time zone of the store (Europe/Paris…); empty: the configuration’s':
    'fuseau horaire IANA du magasin (Europe/Paris…) ; vide : celui de la configuration',
  'a line printed under the address on receipts (repeat; replaces them all)':
    'une ligne imprimée sous l’adresse sur les tickets (répétez ; remplace toutes les lignes)',
  'a line printed at the foot of receipts (repeat; replaces them all)':
    'une ligne imprimée au pied des tickets (répétez ; remplace toutes les lignes)',
  'an admin’s code (PIN: POS_PIN or typed; none for a configured service operator of that role)':
    'code d’un administrateur (PIN : POS_PIN ou tapé ; aucun pour un opérateur de service configuré de ce rôle)',
  'the store’s code (M02…)':
    'le code du magasin (M02…)',
  'change a store (an admin); what is not given stays':
    'modifie un magasin (un administrateur) ; ce qui n’est pas donné reste',
  'the store’s code':
    'le code du magasin',
  'the tills: which store, which devices; a retired till keeps its tickets and sells no more':
    'les caisses : quel magasin, quels périphériques ; une caisse retirée garde ses tickets et ne vend plus',
  'the tills in service (with --all the retired ones too)':
    'les caisses en service (avec --all les caisses retirées aussi)',
  'the tills of that store':
    'les caisses de ce magasin',
  'retired tills too':
    'les caisses retirées aussi',
  'make a till in a store (an admin)':
    'crée une caisse dans un magasin (un administrateur)',
  'its store':
    'son magasin',
  'its name (Caisse 3…)':
    'son nom (Caisse 3…)',
  'the receipt printer (tcp://host:9100, usb:VID:PID, serial:/dev/ttyS0, a path); empty to remove':
    'l’imprimante de tickets (tcp://hôte:9100, usb:VID:PID, serial:/dev/ttyS0, un chemin) ; vide pour l’ôter',
  'the cash drawer (printer, serial:…, a path); empty to remove':
    'le tiroir-caisse (printer, serial:…, un chemin) ; vide pour l’ôter',
  'the customer display (serial:…); empty to remove':
    'l’afficheur client (serial:…) ; vide pour l’ôter',
  'a scanner (serial:…, hid:VID:PID, a path); repeat for each, replaces them all':
    'un scanner (serial:…, hid:VID:PID, un chemin) ; répétez pour chacun, remplace la liste',
  'the till’s code (T03…)':
    'le code de la caisse (T03…)',
  'change a till (an admin); what is not given stays':
    'modifie une caisse (un administrateur) ; ce qui n’est pas donné reste',
  'its store (only while it has no ticket)':
    'son magasin (seulement tant qu’elle n’a aucun ticket)',
  'the till’s code':
    'le code de la caisse',
  'retire a till for good (an admin): its tickets stay, it sells no more':
    'retire une caisse du service pour de bon (un administrateur) : ses tickets restent, elle ne vend plus',
  'check this till: server and its version, schema, database rights, clock, disk, devices, sales waiting; each finding says what to do':
    'vérifie cette caisse : serveur et sa version, schéma, droits en base, horloge, disque, périphériques, ventes en attente ; chaque constat dit quoi faire',
  'back up the shop’s database with pg_dump (as its owner: DATABASE_OWNER_URL, or the embedded server); --daily: the day’s one in backup.dir, the oldest beyond backup.keep removed':
    'sauvegarde la base de la boutique avec pg_dump (en propriétaire : DATABASE_OWNER_URL, ou le serveur embarqué) ; --daily : celle du jour dans backup.dir, les plus anciennes au-delà de backup.keep supprimées',
  'the backup file to write (custom format of pg_dump)':
    'le fichier de sauvegarde à écrire (format custom de pg_dump)',
  'the day’s backup, once a day (for a timer), with the retention of backup.keep':
    'la sauvegarde du jour, une fois par jour (pour un minuteur), avec la rétention de backup.keep',
  'restore a backup of pos backup onto an empty database (as its owner), then check it with pos check':
    'restaure une sauvegarde de pos backup sur une base vide (en propriétaire), puis vérifiez-la avec pos check',
  'the backup file':
    'le fichier de sauvegarde',
  'the last lines of this till’s log, readable (time, level, till, operator, sale, message)':
    'les dernières lignes du journal de cette caisse, lisibles (heure, niveau, caisse, opérateur, vente, message)',
  'how many (default 50)':
    'combien (50 par défaut)',
  'this level and above':
    'ce niveau et au-dessus',
  'a thin client as a till: started full screen at boot, restarted if it ends, never a shell':
    'un client léger en caisse : lancée plein écran au démarrage, relancée si elle s’arrête, jamais un shell',
  'write the systemd unit that runs this till on a console in place of its login prompt (and the daily backup timer with backup.daily), then enable it':
    'écrit l’unité systemd qui lance cette caisse sur une console à la place de son invite de connexion (et le minuteur de sauvegarde quotidienne avec backup.daily), puis l’active',
  'the system user the till runs as (not root)':
    'l’utilisateur système de la caisse (pas root)',
  'the console it takes (1–12)':
    'la console qu’elle prend (1–12)',
  'the till’s folder, POS_HOME (default: this one)':
    'le dossier de la caisse, POS_HOME (par défaut : celui-ci)',
  'write under this folder instead of the machine’s / (an image being prepared); systemd is then not told':
    'écrit sous ce dossier au lieu du / de la machine (une image en préparation) ; systemd n’est alors pas prévenu',
  'stores (default: 50; --small: 3)':
    'magasins (par défaut : 50 ; --small : 3)',
  'tills, spread over the stores (default: 250; --small: 12)':
    'caisses, réparties entre les magasins (par défaut : 250 ; --small : 12)',
  'items (default: 1,000,000; --small: 2,000)':
    'articles (par défaut : 1 million ; --small : 2000)',
  'customers, each with a loyalty card (default: 1,000,000; --small: 2,000)':
    'clients, chacun avec sa carte de fidélité (par défaut : 1 million ; --small : 2000)',
  'vouchers (default: 1,000,000; --small: 1,000)':
    'bons d’achat (par défaut : 1 million ; --small : 1000)',
  'gift cards (default: 1,000,000; --small: 1,000)':
    'cartes cadeaux (par défaut : 1 million ; --small : 1000)',
  'voucher and gift card ledger rows together (default: 10,000,000; --small: 6,000)':
    'lignes de grand livre des bons d’achat et des cartes cadeaux ensemble (par défaut : 10 millions ; --small : 6000)',
  'coupon codes (default: 1,000,000; --small: 1,000)':
    'codes promo (par défaut : 1 million ; --small : 1000)',
  'past tickets (default: 1,000,000; --small: 5,000)':
    'tickets passés (par défaut : 1 million ; --small : 5000)',
  'measure the till at a chain’s scale (--chain): a generated chain, N tills selling at once against pgbench on the same server, hot vouchers, look-ups, reports, scan to frame under load, then pos check; exit 1 if an invariant broke':
    'mesure la caisse à l’échelle d’une chaîne (--chain) : une chaîne générée, N caisses qui vendent à la fois face à pgbench sur le même serveur, bons chauds, recherches, rapports, scan → écran sous charge, puis pos check ; code 1 si un invariant est rompu',
  'the chain bench: generate the chain, then load it':
    'le banc d’essai de la chaîne : la génère, puis la charge',
  'a small chain that builds in seconds (CI), instead of the issue’s full one':
    'une petite chaîne construite en quelques secondes (CI), au lieu de la chaîne complète',
  'tills selling at once, one load per count':
    'caisses qui vendent à la fois, une charge par nombre',
  'runs of each measure: the median, the lowest and the highest are shown':
    'passages de chaque mesure : la médiane, le plus bas et le plus haut sont montrés',
  'seconds each run lasts':
    'durée de chaque passage, en secondes',
  'vouchers every till draws on now and then, on purpose':
    'bons d’achat sur lesquels toutes les caisses tirent de temps en temps, exprès',
  'barcodes typed at the built till on a pseudo-terminal under load (0: not measured)':
    'codes-barres tapés à la caisse construite sur un pseudo-terminal sous charge (0 : non mesuré)',
  'the PostgreSQL server, as a superuser (default: the configured one, else the embedded one)':
    'le serveur PostgreSQL, en superutilisateur (par défaut : celui de la configuration, sinon le serveur intégré)',
  'the bench database through a pooler (PgBouncer, transaction mode): sales also measured through it':
    'la base du banc d’essai par un pooler (PgBouncer, mode transaction) : les ventes sont aussi mesurées à travers lui',
  'the bench’s own database on the server, made afresh and dropped at the end':
    'la base propre au banc d’essai sur le serveur, recréée puis supprimée à la fin',
  'keep the bench database at the end':
    'garde la base du banc d’essai à la fin',
};
