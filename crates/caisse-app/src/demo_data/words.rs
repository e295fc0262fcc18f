//! Word lists for the demo catalogue: categories, brands, suppliers and the product lines.
//!
//! The product lines live in [`CATALOG`], a small line-based notation read by `super::build`
//! (see the comment at the top of that text for the grammar). Everything here is invented:
//! brands, suppliers and press titles are fictional.

use super::Origin::{self, *};

/// `(key, parent key or "", display name, SKU prefix for top-level categories)`.
/// Parents come before their children.
pub(super) static CATEGORIES: &[(&str, &str, &str, &str)] = &[
    ("epicerie-salee", "", "Épicerie salée", "EPI"),
    (
        "pates-riz-feculents",
        "epicerie-salee",
        "Pâtes, riz et féculents",
        "",
    ),
    ("conserves", "epicerie-salee", "Conserves et bocaux", ""),
    (
        "sauces-condiments",
        "epicerie-salee",
        "Sauces, condiments et épices",
        "",
    ),
    (
        "huiles-vinaigres",
        "epicerie-salee",
        "Huiles et vinaigres",
        "",
    ),
    ("aperitif", "epicerie-salee", "Apéritif", ""),
    ("soupes", "epicerie-salee", "Soupes et bouillons", ""),
    ("epicerie-sucree", "", "Épicerie sucrée", "SUC"),
    (
        "petit-dejeuner",
        "epicerie-sucree",
        "Petit-déjeuner et céréales",
        "",
    ),
    ("cafe-the", "epicerie-sucree", "Café, thé et infusions", ""),
    (
        "biscuits-gateaux",
        "epicerie-sucree",
        "Biscuits et gâteaux",
        "",
    ),
    (
        "chocolat-confiserie",
        "epicerie-sucree",
        "Chocolat et confiserie",
        "",
    ),
    (
        "confitures-miel",
        "epicerie-sucree",
        "Confitures, miel et pâtes à tartiner",
        "",
    ),
    (
        "aide-patisserie",
        "epicerie-sucree",
        "Farine, sucre et aide à la pâtisserie",
        "",
    ),
    ("boissons", "", "Boissons", "BOI"),
    ("eaux", "boissons", "Eaux", ""),
    ("sodas-jus", "boissons", "Sodas, jus et sirops", ""),
    ("bieres-cidres", "boissons", "Bières et cidres", ""),
    ("vins", "boissons", "Vins et champagnes", ""),
    ("spiritueux", "boissons", "Apéritifs et spiritueux", ""),
    ("cremerie", "", "Crèmerie et fromagerie", "CRE"),
    ("lait-oeufs", "cremerie", "Lait et œufs", ""),
    (
        "yaourts-desserts",
        "cremerie",
        "Yaourts et desserts frais",
        "",
    ),
    ("beurre-creme", "cremerie", "Beurre et crème", ""),
    ("fromages-ls", "cremerie", "Fromages en libre-service", ""),
    ("fromages-coupe", "cremerie", "Fromages à la coupe", ""),
    ("fruits-legumes", "", "Fruits et légumes", "FLE"),
    ("fruits", "fruits-legumes", "Fruits", ""),
    ("legumes", "fruits-legumes", "Légumes", ""),
    (
        "herbes-salades",
        "fruits-legumes",
        "Salades et herbes fraîches",
        "",
    ),
    ("charcuterie-traiteur", "", "Charcuterie et traiteur", "CHA"),
    (
        "charcuterie-coupe",
        "charcuterie-traiteur",
        "Charcuterie à la coupe",
        "",
    ),
    (
        "charcuterie-ls",
        "charcuterie-traiteur",
        "Charcuterie en libre-service",
        "",
    ),
    (
        "traiteur",
        "charcuterie-traiteur",
        "Traiteur et plats préparés",
        "",
    ),
    (
        "snacking",
        "charcuterie-traiteur",
        "Sandwichs et snacking",
        "",
    ),
    ("boulangerie", "", "Boulangerie et pâtisserie", "BOU"),
    ("pains", "boulangerie", "Pains", ""),
    ("viennoiseries", "boulangerie", "Viennoiseries", ""),
    ("patisseries", "boulangerie", "Pâtisseries", ""),
    (
        "pains-emballes",
        "boulangerie",
        "Pains de mie et biscottes",
        "",
    ),
    ("surgeles", "", "Surgelés", "SUR"),
    ("glaces", "surgeles", "Glaces et desserts glacés", ""),
    (
        "plats-surgeles",
        "surgeles",
        "Plats, pizzas et viandes surgelés",
        "",
    ),
    (
        "legumes-surgeles",
        "surgeles",
        "Légumes, frites et fruits surgelés",
        "",
    ),
    (
        "poissons-surgeles",
        "surgeles",
        "Poissons et fruits de mer surgelés",
        "",
    ),
    ("vrac", "", "Vrac", "VRA"),
    ("vrac-sec", "vrac", "Vrac au poids", ""),
    ("vrac-liquide", "vrac", "Vrac au litre", ""),
    ("monde", "", "Produits du monde", "MON"),
    ("royaume-uni", "monde", "British Corner", ""),
    ("amerique", "monde", "American Aisle", ""),
    ("asie", "monde", "Asie", ""),
    ("italie", "monde", "Italie", ""),
    ("orient", "monde", "Maghreb et Orient", ""),
    ("hygiene-beaute", "", "Hygiène et beauté", "HYG"),
    ("cheveux", "hygiene-beaute", "Soins des cheveux", ""),
    ("corps", "hygiene-beaute", "Douche et soins du corps", ""),
    ("dentaire", "hygiene-beaute", "Hygiène bucco-dentaire", ""),
    ("rasage", "hygiene-beaute", "Rasage et épilation", ""),
    ("hygiene-feminine", "hygiene-beaute", "Hygiène féminine", ""),
    ("parapharmacie", "hygiene-beaute", "Parapharmacie", ""),
    ("entretien", "", "Entretien et nettoyage", "ENT"),
    ("lessive", "entretien", "Lessive et soin du linge", ""),
    ("vaisselle", "entretien", "Vaisselle", ""),
    ("nettoyants", "entretien", "Nettoyants ménagers", ""),
    (
        "papier",
        "entretien",
        "Papier, emballages et essuie-tout",
        "",
    ),
    ("bebe", "", "Bébé", "BEB"),
    ("bebe-repas", "bebe", "Repas de bébé", ""),
    ("bebe-toilette", "bebe", "Couches et toilette", ""),
    ("animalerie", "", "Animalerie", "ANI"),
    ("chiens", "animalerie", "Chiens", ""),
    ("chats", "animalerie", "Chats", ""),
    (
        "petits-animaux",
        "animalerie",
        "Oiseaux et petits animaux",
        "",
    ),
    ("maison", "", "Maison et bazar", "MAI"),
    ("cuisine", "maison", "Cuisine et arts de la table", ""),
    ("linge-maison", "maison", "Linge de maison", ""),
    ("piles-ampoules", "maison", "Piles et ampoules", ""),
    ("quincaillerie", "maison", "Quincaillerie", ""),
    ("mercerie", "maison", "Mercerie et tissus", ""),
    ("jardin", "maison", "Jardin", ""),
    ("sacs", "maison", "Sacs et cabas", ""),
    ("textile", "", "Vêtements et accessoires", "TEX"),
    ("vet-homme", "textile", "Homme", ""),
    ("vet-femme", "textile", "Femme", ""),
    ("vet-enfant", "textile", "Enfant", ""),
    ("accessoires", "textile", "Chaussettes et accessoires", ""),
    ("papeterie", "", "Papeterie", "PAP"),
    ("presse", "", "Presse", "PRE"),
    ("quotidiens", "presse", "Quotidiens et hebdomadaires", ""),
    ("magazines", "presse", "Magazines", ""),
    ("jeux", "presse", "Jeux et mots croisés", ""),
];

/// `(key, name, email, phone, prefix of the supplier's own references)`.
pub(super) static SUPPLIERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "comptoir-rhodanien",
        "Comptoir Alimentaire Rhodanien",
        "commandes@comptoir-rhodanien.example",
        "+33 4 65 71 10 20",
        "CAR",
    ),
    (
        "laiterie-vercors",
        "Laiterie Coopérative du Vercors",
        "livraisons@laiterie-vercors.example",
        "+33 4 65 71 22 48",
        "LCV",
    ),
    (
        "primeurs-bonnefoy",
        "Primeurs Bonnefoy & Fils",
        "",
        "+33 4 65 71 31 07",
        "PBF",
    ),
    (
        "dauphine-boissons",
        "Dauphiné Boissons Distribution",
        "service.client@dauphine-boissons.example",
        "+33 4 65 71 40 96",
        "DBD",
    ),
    (
        "maison-bertin",
        "Maison Bertin, salaisons et traiteur",
        "commandes@maison-bertin.example",
        "+33 4 65 71 52 13",
        "MBS",
    ),
    (
        "fournil-pelissier",
        "Fournil Pélissier",
        "",
        "+33 4 65 71 63 31",
        "FPE",
    ),
    (
        "froid-express",
        "Froid Express Surgelés",
        "commandes@froid-express.example",
        "+33 1 99 00 27 45",
        "FES",
    ),
    (
        "vrac-bio",
        "Vrac & Bio Grossiste",
        "bonjour@vrac-bio-grossiste.example",
        "",
        "VBG",
    ),
    (
        "britannia-atlantic",
        "Britannia & Atlantic Imports Ltd",
        "orders@britannia-atlantic.example",
        "+44 20 7946 0321",
        "BAI",
    ),
    (
        "comptoir-orient-asie",
        "Comptoir d'Orient et d'Asie",
        "contact@comptoir-orient-asie.example",
        "+33 1 99 00 58 12",
        "COA",
    ),
    (
        "droguerie-hygiene",
        "Droguerie Hygiène Service",
        "commandes@droguerie-hygiene.example",
        "+33 4 65 71 74 60",
        "DHS",
    ),
    (
        "bazar-pro",
        "Bazar Pro Distribution",
        "pro@bazar-pro.example",
        "+33 4 65 71 85 02",
        "BPD",
    ),
    (
        "textiles-lefevre",
        "Textiles Lefèvre",
        "ventes@textiles-lefevre.example",
        "+33 3 53 01 44 19",
        "TLF",
    ),
    (
        "messageries-presse",
        "Messageries de Presse Centre-Est",
        "diffuseurs@mp-centre-est.example",
        "",
        "MPC",
    ),
];

/// Which supplier delivers a category: the first entry matching the product's category or its
/// nearest ancestor wins.
pub(super) static SUPPLIER_FOR: &[(&str, &str)] = &[
    ("epicerie-salee", "comptoir-rhodanien"),
    ("epicerie-sucree", "comptoir-rhodanien"),
    ("boissons", "dauphine-boissons"),
    ("cremerie", "laiterie-vercors"),
    ("fruits-legumes", "primeurs-bonnefoy"),
    ("charcuterie-traiteur", "maison-bertin"),
    ("pains-emballes", "comptoir-rhodanien"),
    ("boulangerie", "fournil-pelissier"),
    ("surgeles", "froid-express"),
    ("vrac", "vrac-bio"),
    ("royaume-uni", "britannia-atlantic"),
    ("amerique", "britannia-atlantic"),
    ("asie", "comptoir-orient-asie"),
    ("orient", "comptoir-orient-asie"),
    ("italie", "comptoir-rhodanien"),
    ("hygiene-beaute", "droguerie-hygiene"),
    ("entretien", "droguerie-hygiene"),
    ("bebe-repas", "comptoir-rhodanien"),
    ("bebe", "droguerie-hygiene"),
    ("animalerie", "bazar-pro"),
    ("linge-maison", "textiles-lefevre"),
    ("mercerie", "textiles-lefevre"),
    ("maison", "bazar-pro"),
    ("textile", "textiles-lefevre"),
    ("papeterie", "bazar-pro"),
    ("presse", "messageries-presse"),
];

/// `(brand, origin, price level in percent of an ordinary brand)`.
pub(super) static BRANDS: &[(&str, Origin, i64)] = &[
    ("Le Panier du Marché", Fr, 85),
    ("Maison Gautier", Fr, 105),
    ("Moulins Béranger", Fr, 100),
    ("Rizerie de Camargue", Fr, 110),
    ("Les Champs Dorés", Fr, 115),
    ("Conserverie Belle-Île", Fr, 125),
    ("Délices d'Armor", Fr, 100),
    ("Vergers du Comtat", Fr, 100),
    ("Moutarderie Bourdon", Fr, 110),
    ("Comptoir des Épices", Fr, 110),
    ("Salines de l'Atlantique", Fr, 100),
    ("Huilerie Vidal", Fr, 120),
    ("Croustilles du Périgord", Fr, 110),
    ("Jardins de Bretagne", Fr, 100),
    ("Matin Doré", Fr, 100),
    ("Chocolaterie Morel", Fr, 130),
    ("Torréfaction Corbin", Fr, 125),
    ("Café Esperanza", Fr, 100),
    ("Thés de la Pagode", Fr, 115),
    ("Biscuiterie Lefort", Fr, 105),
    ("Biscuiterie des Abers", Fr, 115),
    ("Ô Gourmand", Fr, 100),
    ("Confiserie du Vieux Port", Fr, 110),
    ("Fresh'Up", Fr, 100),
    ("Confiturerie du Vexin", Fr, 120),
    ("Rucher des Cévennes", Fr, 115),
    ("Sucres du Nord", Fr, 100),
    ("Fée Vanille", Fr, 105),
    ("Source Clairval", Fr, 100),
    ("Source des Pins", Fr, 95),
    ("Pétillante de Sauveterre", Fr, 105),
    ("Cola Riviera", Fr, 100),
    ("Fruits de Loire", Fr, 110),
    ("Sirops Bastide", Fr, 105),
    ("Brasserie du Beffroi", Fr, 110),
    ("Cidrerie Le Mesnil", Fr, 105),
    ("Caves Bourdieu", Fr, 100),
    ("Maison Leroux-Vallée", Fr, 120),
    ("Cellier des Vignerons", Fr, 90),
    ("Distillerie Vauclair", Fr, 110),
    ("Laiterie du Vercors", Fr, 105),
    ("Les Prés Fleuris", Fr, 100),
    ("Ferme des Quatre Vents", Fr, 115),
    ("Beurrerie du Cotentin", Fr, 115),
    ("Fromagerie Mouret", Fr, 110),
    ("Salaisons du Livradois", Fr, 115),
    ("Charcuterie Pradel", Fr, 100),
    ("Traiteur Lemoine", Fr, 105),
    ("Fournée Dorée", Fr, 100),
    ("Frimas", Fr, 100),
    ("Glacier des Alpes", Fr, 115),
    ("Doucéa", Fr, 100),
    ("Natura Fleur", Fr, 110),
    ("Savonnerie Rambert", Fr, 105),
    ("Dentilis", Fr, 100),
    ("Barberie Lambert", Fr, 105),
    ("Intima Douce", Fr, 100),
    ("Coton Douceur", Fr, 100),
    ("Laboratoires Aurèle", Fr, 100),
    ("Lavéo", Fr, 100),
    ("Clairo", Fr, 100),
    ("Ménagère d'Antan", Fr, 100),
    ("Maison Nette", Fr, 100),
    ("Doux Nuage", Fr, 100),
    ("Petit Bouchon", Fr, 100),
    ("Croc'Ami", Fr, 100),
    ("Félinou", Fr, 100),
    ("Cuisine & Cie", Fr, 100),
    ("Outils Ferrand", Fr, 100),
    ("Graines du Potager", Fr, 100),
    ("Fil d'Ariane", Fr, 100),
    ("Tissages des Vosges", Fr, 100),
    ("Tricots Vallier", Fr, 100),
    ("Chaussettes du Tarn", Fr, 100),
    ("Cahiers Margaux", Fr, 100),
    ("Kensington & Co", Uk, 110),
    ("Royal Crest", Uk, 100),
    ("Windsor Larder", Uk, 105),
    ("Highland Bakery", Uk, 105),
    ("Thistle & Rose", Uk, 100),
    ("Evergreen Labs", Uk, 110),
    ("Happy Paws", Uk, 110),
    ("Liberty Pantry", Us, 100),
    ("Big Sky Snacks", Us, 100),
    ("Crunchy Valley", Us, 100),
    ("Maple Ridge", Ca, 100),
    ("CleanWave", De, 100),
    ("VoltMax", De, 110),
    ("Lumitek", De, 100),
    ("Scriptor", De, 100),
    ("Pastificio Rossetti", It, 115),
    ("Casa Mancini", It, 115),
    ("La Costera", Es, 110),
    ("Abbaye de Saint-Aurèle", Be, 120),
    ("Brouwerij Van Dam", Nl, 100),
    ("Alpenhof", Ch, 125),
    ("Basics & Co", Pt, 100),
    ("Sakura Kitchen", Jp, 110),
    ("Golden Lotus", Th, 100),
    ("Jade Garden", Cn, 100),
    ("Dar El Baraka", Ma, 100),
    ("Anatolia Foods", Tr, 100),
];

/// The product lines of the shop.
pub(super) const CATALOG: &str = r#"
# Grammar, one entry per logical line; a physical line ending with ';' continues on the next one.
#   [category-key]                                    the leaf category of the entries below
#   TAX template | varieties | formats | brands | description
#       TAX is R (reduced), I (intermediate), S (standard) or SR (super_reduced); a trailing 8
#       (R8, S8) gives the products GTIN-8 codes. The template uses {v} (variety), {b} (brand)
#       and {f} (format). One product per variety x format, and per brand when the template
#       names {b} (otherwise one brand is picked). Varieties may end with @percent (a price
#       factor); formats are label=price in cents; no brands means goods packed for the shop.
#   ea TAX | name=price; ... | description            unbranded items sold each
#   kg TAX | name=price per kg; ... | description     weighed items (scale label prefix 28)
#   lbl TAX | name=typical price; ... | description   priced-label items (scale label prefix 20)
#   l TAX | name=price per litre; ... | description   sold by the litre
#   m TAX | name=price per metre; ... | description   sold by the metre
#   var TAX | name | brand | price | sizes | colours | description
#       product with variants (size x colour); a size may end with +cents (price supplement)
#   press TAX | title=price; ...                      press titles (ISSN-based EAN-13)

[pates-riz-feculents]
R {v} {b} {f} | Spaghetti; Penne rigate; Coquillettes; Fusilli; Tagliatelles; Farfalle; Macaronis; Linguine |
  500 g=119; 1 kg=215 | Le Panier du Marché; Pastificio Rossetti; Moulins Béranger
R {v} au blé complet {b} {f} | Spaghetti; Penne; Fusilli | 500 g=159 | Le Panier du Marché; Les Champs Dorés |
  Pâtes de blé dur complet, riches en fibres.
R Lasagnes aux œufs {b} {f} | | 500 g=219 | Le Panier du Marché; Pastificio Rossetti
R Riz {v} {b} {f} | long grain; basmati@140; thaï parfumé@135; rond de Camargue IGP@125; complet@115;
  arborio pour risotto@160 | 500 g=129; 1 kg=229 | Le Panier du Marché; Rizerie de Camargue
R Semoule de blé dur {v} {b} {f} | fine; moyenne; complète@120 | 500 g=109; 1 kg=189 |
  Le Panier du Marché; Moulins Béranger
R Lentilles {v} {b} {f} | vertes; corail@115; blondes; vertes du Puy AOP@150 | 500 g=179 |
  Le Panier du Marché; Les Champs Dorés
R {v} {b} {f} | Pois chiches secs; Haricots blancs secs; Flageolets verts secs@120; Pois cassés;
  Quinoa blanc@230;
  Boulgour; Polenta précuite | 500 g=169 | Le Panier du Marché; Les Champs Dorés
R Purée en flocons {v} {b} {f} | nature; au lait@115 | 4 sachets=179 | Le Panier du Marché; Maison Gautier
R Couscous {v} {b} {f} | grain moyen; complet@115 | 500 g=149; 1 kg=259 | Moulins Béranger; Dar El Baraka
R Gnocchi à poêler {b} {f} | | 500 g=199 | Le Panier du Marché; Pastificio Rossetti
R Nouilles chinoises aux œufs {b} {f} | | 250 g=169 | Le Panier du Marché

[conserves]
R {v} {b} {f} | Petits pois extra-fins; Haricots verts extra-fins@130; Maïs doux; Petits pois et carottes;
  Flageolets verts; Champignons de Paris émincés; Cœurs d'artichaut@180; Lentilles cuisinées;
  Ratatouille cuisinée@140; Haricots rouges; Pois chiches cuits; Macédoine de légumes |
  400 g=119; 800 g=199 | Le Panier du Marché; Délices d'Armor
R {v} {b} {f} | Thon entier au naturel@110; Thon entier à l'huile d'olive@120; Miettes de thon à la tomate@80;
  Sardines à l'huile d'olive; Sardines au citron et basilic; Maquereaux au vin blanc et aromates;
  Filets de maquereaux à la moutarde | 135 g=219; 3 x 135 g=589 |
  Le Panier du Marché; Conserverie Belle-Île; La Costera
R {v} {b} {f} | Cassoulet au confit de canard@170; Choucroute garnie; Petit salé aux lentilles;
  Raviolis pur bœuf@80;
  Chili con carne; Couscous royal@120; Bœuf bourguignon et pommes de terre@130; Navarin d'agneau@140;
  Saucisses aux lentilles; Quenelles sauce financière@110 | 420 g=269; 840 g=449 |
  Le Panier du Marché; Maison Gautier
R {v} {b} {f} | Tomates pelées entières; Tomates concassées; Pulpe de tomates fine | 400 g=109; 800 g=179 |
  Le Panier du Marché; Casa Mancini
R {v} {b} {f} | Pêches au sirop léger; Poires Williams au sirop léger; Ananas en tranches au jus;
  Cocktail de fruits au sirop léger; Abricots oreillons au sirop léger; Bigarreaux au sirop@130 |
  425 g=189; 820 g=319 | Le Panier du Marché; Vergers du Comtat

[sauces-condiments]
R Moutarde {v} {b} {f} | de Dijon forte; à l'ancienne; au miel@115; à l'estragon@110 | 210 g=149; 370 g=219 |
  Le Panier du Marché; Moutarderie Bourdon
R Mayonnaise {v} {b} {f} | nature; aux œufs de plein air@110; allégée | 235 g=179; 470 g=299 |
  Le Panier du Marché; Maison Gautier
R Ketchup {v} {b} {f} | ; sans sucres ajoutés@110 | 560 g=219 | Le Panier du Marché; Maison Gautier
R Sauce {v} {b} {f} | barbecue; béarnaise; samouraï; andalouse; tartare; burger; au poivre vert@115;
  hollandaise |
  260 g=199 | Le Panier du Marché; Maison Gautier
R Sauce {v} {b} {f} | tomate au basilic; bolognaise@125; napolitaine; arrabbiata; aux olives;
  aux légumes du soleil |
  400 g=199 | Le Panier du Marché; Casa Mancini
R Pesto {v} {b} {f} | alla genovese; rosso aux tomates séchées | 190 g=259 | Le Panier du Marché; Casa Mancini
R {v} {b} {f} | Poivre noir moulu; Poivre noir en grains; Poivre blanc moulu; Cumin moulu; Paprika doux;
  Paprika fumé;
  Curry en poudre; Curcuma moulu; Cannelle moulue; Herbes de Provence; Piment d'Espelette AOP@250;
  Noix de muscade entière; Thym séché; Laurier en feuilles@70; Ras el hanout; Gingembre moulu;
  Mélange quatre épices; Origan séché; Clous de girofle@120 | 40 g=219 | Le Panier du Marché;
  Comptoir des Épices
R Sel {v} {b} {f} | fin iodé; gros de mer; fin de Guérande@200 | 1 kg=89 | Le Panier du Marché;
  Salines de l'Atlantique
R Fleur de sel de Guérande {b} {f} | | 125 g=349; 250 g=599 | Salines de l'Atlantique |
  Récoltée à la main dans les marais salants de la presqu'île de Guérande.
R {v} {b} {f} | Cornichons extra-fins; Petits oignons blancs au vinaigre; Olives vertes dénoyautées;
  Olives noires à la grecque@120; Olives vertes farcies aux poivrons | 200 g=189; 370 g=289 |
  Le Panier du Marché; Maison Gautier
R Câpres surfines {b} {f} | | 90 g=159 | Le Panier du Marché; Maison Gautier
R Vinaigrette {v} {b} {f} | à l'huile d'olive; balsamique; à la moutarde à l'ancienne; allégée | 50 cl=229 |
  Le Panier du Marché; Maison Gautier
R Double concentré de tomates {b} {f} | | 140 g=99; 3 x 70 g=149 | Le Panier du Marché; Casa Mancini

[huiles-vinaigres]
R Huile d'olive vierge extra {v} {b} {f} | ; bio@120; fruité vert@115 | 50 cl=449; 1 L=799 |
  Le Panier du Marché; Huilerie Vidal; La Costera; Casa Mancini
R Huile d'olive vierge extra de Provence AOP {b} {f} | | 50 cl=1290 | Huilerie Vidal |
  Moulin familial, olives aglandau et salonenque.
R Huile {v} {b} {f} | de tournesol; de colza; d'arachide@120; de pépins de raisin@140; pour friture@90 |
  1 L=229 |
  Le Panier du Marché; Huilerie Vidal
R Huile {v} {b} {f} | de noix; de noisette; de sésame grillé | 25 cl=529 | Huilerie Vidal
R Vinaigre {v} {b} {f} | de vin rouge; de cidre; balsamique de Modène IGP@250; blanc d'alcool@60;
  de Xérès@200;
  à l'échalote@110; de framboise@150 | 50 cl=129; 1 L=199 | Le Panier du Marché; Huilerie Vidal

[aperitif]
R Chips {v} {b} {f} | nature; à l'ancienne; saveur barbecue; saveur paprika; au sel de Guérande@115;
  saveur poulet rôti;
  ondulées nature; saveur vinaigre balsamique | 150 g=149; 300 g=249 | Le Panier du Marché;
  Croustilles du Périgord
R {v} {b} {f} | Cacahuètes grillées salées; Noix de cajou grillées salées@210; Pistaches grillées salées@230;
  Amandes grillées salées@180; Mélange de noix et raisins secs@160; Cacahuètes enrobées goût épicé |
  200 g=179 | Le Panier du Marché; Les Champs Dorés
R {v} {b} {f} | Crackers au fromage; Bretzels salés; Biscuits apéritif à l'emmental; Tuiles saveur paprika;
  Crackers au romarin; Soufflés à la cacahuète; Mini-gressins au sésame; Cônes goût fromage |
  100 g=149 | Le Panier du Marché; Biscuiterie Lefort
R {v} {b} {f} | Tapenade noire; Tapenade verte; Caviar d'aubergine; Tartinade de poivrons grillés;
  Anchoïade@130 |
  90 g=229 | Le Panier du Marché; Maison Gautier

[soupes]
R {v} {b} {f} | Soupe de légumes variés; Velouté de potiron; Soupe poireaux pommes de terre;
  Velouté de tomates au basilic; Soupe de poissons@160; Velouté de champignons; Soupe à l'oignon;
  Gaspacho andalou@120; Velouté de légumes verts; Velouté de carottes au cumin | 1 L=259 |
  Le Panier du Marché; Jardins de Bretagne
R Bouillon {v} {b} {f} | de volaille; de bœuf; de légumes; de légumes bio@125; pot-au-feu | 10 cubes=149 |
  Le Panier du Marché; Maison Gautier
R Potage déshydraté {v} {b} {f} | tomate vermicelles; poule au riz; neuf légumes; poireaux pommes de terre |
  4 sachets=189 | Le Panier du Marché; Maison Gautier

[petit-dejeuner]
R {v} {b} {f} | Pétales de maïs; Muesli aux fruits secs; Muesli croustillant au chocolat; Flocons d'avoine@70;
  Céréales fourrées au chocolat; Pétales de blé complet au chocolat; Granola miel amandes@120;
  Riz soufflé au chocolat; Boules de maïs au miel; Muesli bio sans sucres ajoutés@120 | 375 g=229; 750 g=389 |
  Le Panier du Marché; Matin Doré; Les Champs Dorés
R Cacao en poudre {v} {b} {f} | sucré pour petit-déjeuner; 100 % non sucré@140 | 400 g=279; 800 g=479 |
  Le Panier du Marché; Chocolaterie Morel
R {v} {b} {f} | Barres de céréales au chocolat; Barres de céréales aux fruits rouges;
  Barres de céréales aux noisettes;
  Biscuits petit-déjeuner aux céréales; Biscuits petit-déjeuner miel et pépites de chocolat | x6=219 |
  Le Panier du Marché; Matin Doré

[cafe-the]
R Café moulu {v} {b} {f} | pur arabica; corsé; bio équitable@120; décaféiné@115; Éthiopie moka@140;
  Colombie@125;
  Brésil@115 | 250 g=329; 500 g=599 | Le Panier du Marché; Torréfaction Corbin; Café Esperanza
R Café en grains {v} {b} {f} | pur arabica; espresso italien; Guatemala@120; décaféiné@115 | 500 g=649;
  1 kg=1199 |
  Torréfaction Corbin; Café Esperanza | Torréfié lentement au tambour, à moudre juste avant l'infusion.
R Capsules de café {v} {b} {f} | intenso; lungo; ristretto; décaféiné; espresso bio@120 | x10=299; x30=849 |
  Le Panier du Marché; Café Esperanza | Capsules compatibles avec les machines à capsules les plus répandues.
R Café soluble {v} {b} {f} | classique; décaféiné@110; lyophilisé@120 | 100 g=379; 200 g=649 |
  Le Panier du Marché; Café Esperanza
R Dosettes souples de café {v} {b} {f} | classique; corsé; décaféiné | x36=429 | Le Panier du Marché;
  Torréfaction Corbin
R Thé {v} {b} {f} | vert à la menthe; noir de Ceylan; vert Sencha; Darjeeling@130; noir aux fruits rouges;
  blanc aux pétales de rose@150; noir à la bergamote; vert au jasmin | 25 sachets=229; boîte 100 g=399 |
  Le Panier du Marché; Thés de la Pagode
R {b} {v} Tea {f} | Earl Grey; English Breakfast; Darjeeling@130; Assam; Lady Grey; Green@110; Peppermint;
  Chamomile | 50 bags=329; 100 bags=579 | Kensington & Co; Royal Crest
R Infusion {v} {b} {f} | verveine; tilleul; camomille; menthe poivrée; verveine menthe; fruits rouges;
  nuit tranquille@110; gingembre citron; rooibos vanille@115 | 20 sachets=199 | Le Panier du Marché;
  Thés de la Pagode
R Chicorée soluble {b} {f} | | 100 g=299; 250 g=549 | Le Panier du Marché; Café Esperanza

[biscuits-gateaux]
R {v} {b} {f} | Petits beurre; Galettes bretonnes pur beurre@130; Palets bretons pur beurre@130;
  Sablés nappés de chocolat au lait; Biscuits fourrés au chocolat; Cookies aux pépites de chocolat;
  Gaufrettes à la vanille; Boudoirs; Spéculoos; Biscuits à la cuillère; Crêpes dentelle au chocolat@140;
  Cigarettes russes@120; Croquants aux amandes@140; Sablés au citron; Biscuits aux céréales complètes;
  Langues de chat@120 | 200 g=179 | Le Panier du Marché; Biscuiterie Lefort; Biscuiterie des Abers
R {v} {b} {f} | Madeleines pur beurre; Quatre-quarts breton; Brownies au chocolat@120; Pain d'épices au miel;
  Marbré au chocolat; Cake aux fruits confits; Financiers aux amandes@130; Gâteau moelleux au citron;
  Crêpes fourrées au chocolat; Gaufres au sucre perlé; Crêpes façon grand-mère | 300 g=249 |
  Le Panier du Marché; Ô Gourmand

[chocolat-confiserie]
R Chocolat {v} {b} {f} | noir 70 %; noir 85 %@110; noir pâtissier; au lait; au lait noisettes entières@120;
  blanc;
  noir à l'orange; noir éclats d'amandes; au lait caramel à la fleur de sel@115; noir bio équitable@125 |
  100 g=179; 3 x 100 g=469 | Le Panier du Marché; Chocolaterie Morel; Ô Gourmand
S {v} {b} {f} | Bonbons acidulés; Guimauves; Réglisse en torsades; Caramels au beurre salé@120;
  Nougat de Montélimar@200; Calissons d'Aix@280; Bêtises de Cambrai; Pâtes de fruits@150;
  Dragées aux amandes@220; Berlingots; Oursons guimauve enrobés de chocolat; Fraises acidulées;
  Sucettes aux fruits; Bonbons à la violette@130; Crocodiles gélifiés; Bonbons à la menthe |
  150 g=219 | Le Panier du Marché; Confiserie du Vieux Port
S8 Chewing-gum {v} {b} {f} | menthe forte; menthe verte; chlorophylle; fruits rouges; réglisse |
  10 dragées=99 | Fresh'Up
S8 Pastilles {v} {b} {f} | menthe extra-forte; réglisse; citron; eucalyptus | 50 g=149 | Fresh'Up
S Barres chocolatées {v} {b} {f} | au caramel; à la noix de coco; aux céréales croustillantes;
  aux cacahuètes |
  x4=269 | Le Panier du Marché; Ô Gourmand
S {v} {b} | Rochers pralinés x16; Truffes fantaisie 250 g@70; Orangettes 150 g@90;
  Assortiment de chocolats fins 250 g@130; Mendiants au chocolat noir 120 g@80 | =799 |
  Chocolaterie Morel; Ô Gourmand

[confitures-miel]
R Confiture extra {v} {b} {f} | fraise; abricot; framboise@115; cerise noire; myrtille@120; rhubarbe; figue;
  mirabelle; quatre fruits rouges; fraise bio@125; reine-claude | 370 g=229 |
  Le Panier du Marché; Confiturerie du Vexin
R {v} {b} {f} | Gelée de groseilles; Marmelade d'oranges amères; Crème de marrons; Confit de figues;
  Gelée de coings@110; Confiture de lait@120 | 370 g=259 | Le Panier du Marché; Confiturerie du Vexin
R Miel {v} {b} {f} | de fleurs liquide; d'acacia@140; de lavande@150; de châtaignier@130;
  crémeux de printemps;
  de montagne@120; toutes fleurs bio@130; de tilleul@130 | 250 g=399; 500 g=699 |
  Le Panier du Marché; Rucher des Cévennes
R Pâte à tartiner {v} {b} {f} | noisettes et cacao; noisettes et cacao sans huile de palme@115; spéculoos;
  noisettes et chocolat noir@110 | 400 g=299; 750 g=479 | Le Panier du Marché; Ô Gourmand

[aide-patisserie]
R Farine de blé {v} {b} {f} | T45 pâtisserie; T55 tout usage; T65 bio@150; T80 semi-complète@130; fluide@110 |
  1 kg=109 | Le Panier du Marché; Moulins Béranger
R {v} {b} {f} | Farine de sarrasin; Farine de seigle; Farine de pois chiches; Farine de riz;
  Fécule de pomme de terre;
  Fécule de maïs | 500 g=199 | Moulins Béranger
R Sucre {v} {b} {f} | en poudre; en morceaux; glace@130; roux de canne@160; vergeoise brune@170;
  complet de canne@220 |
  1 kg=129 | Le Panier du Marché; Sucres du Nord
R {v} {b} | Levure chimique 6 sachets@60; Sucre vanillé 10 sachets@70; Arôme naturel de vanille 50 ml@170;
  Arôme fleur d'oranger 20 cl@110; Levure de boulanger sèche 5 sachets@100; Gousses de vanille Bourbon x2@300;
  Pépites de chocolat noir 100 g@90; Poudre d'amandes 125 g@130; Noix de coco râpée 125 g@70;
  Nappage caramel 250 g@110; Préparation pour crêpes 400 g@100;
  Préparation pour fondant au chocolat 350 g@130;
  Préparation pour flan pâtissier 4 sachets@80; Gélatine en feuilles x9@90; Colorants alimentaires x4@150;
  Vermicelles au chocolat 90 g@70; Amandes effilées 125 g@140; Sucre perlé 250 g@90 | =249 |
  Le Panier du Marché; Fée Vanille

[eaux]
R Eau minérale naturelle plate {b} {f} | | 50 cl=45; 6 x 50 cl=249; 1,5 L=59; 6 x 1,5 L=319 |
  Source Clairval; Source des Pins; Le Panier du Marché
R Eau minérale gazeuse {v} {b} {f} | ; fines bulles; saveur citron@115 | 1 L=79; 6 x 1 L=429 |
  Pétillante de Sauveterre; Le Panier du Marché
R Eau de source {b} {f} | | 5 L=129; 8 x 50 cl=229 | Le Panier du Marché; Source des Pins
R Eau aromatisée {v} {b} {f} | citron; pêche; fraise; menthe | 1,5 L=119 | Source Clairval;
  Le Panier du Marché

[sodas-jus]
R {v} {b} {f} | Cola; Cola zéro sucres; Limonade artisanale@120; Soda à l'orange; Soda citron vert;
  Thé glacé à la pêche;
  Tonic; Soda gingembre; Limonade à la fraise@120 | 33 cl=79; 1,5 L=169; 6 x 33 cl=429 |
  Le Panier du Marché; Cola Riviera
R Jus {v} {b} {f} | d'orange pur jus; de pomme pur jus; multifruits; de raisin; d'ananas;
  de pamplemousse rose;
  d'orange sans pulpe; de tomate; de pomme trouble bio@130; de clémentine@120 | 1 L=219 |
  Le Panier du Marché; Fruits de Loire
R Nectar {v} {b} {f} | d'abricot; de poire; de mangue; de goyave; de pêche | 1 L=199 | Le Panier du Marché;
  Fruits de Loire
R Sirop {v} {b} {f} | de grenadine; de menthe; de citron; d'orgeat; de fraise; de pêche; de cassis;
  de violette@120;
  de framboise | 75 cl=289 | Le Panier du Marché; Sirops Bastide

[bieres-cidres]
S Bière {v} {b} {f} | blonde; blanche; ambrée; IPA@115; brune; de Noël@110; triple@120 | 33 cl=189;
  6 x 25 cl=599 |
  Brasserie du Beffroi; Abbaye de Saint-Aurèle
S Bière blonde {b} {f} | | 25 cl=79; 50 cl=149; 12 x 25 cl=699 | Brouwerij Van Dam; Le Panier du Marché
R Bière blonde sans alcool {b} {f} | | 33 cl=119; 6 x 25 cl=449 | Brouwerij Van Dam; Le Panier du Marché
S Cidre {v} {b} {f} | brut; doux; rosé@110; bouché de Normandie@130 | 75 cl=299 | Cidrerie Le Mesnil;
  Le Panier du Marché
S Poiré {b} {f} | | 75 cl=349 | Cidrerie Le Mesnil
S Panaché {b} {f} | | 6 x 25 cl=399 | Brouwerij Van Dam

[vins]
S {v} {b} {f} | Côtes-du-Rhône rouge; Bordeaux rouge; Bordeaux supérieur@130; Côtes de Provence rosé@120;
  Bourgogne pinot noir@190; Beaujolais-Villages@110; Muscadet Sèvre-et-Maine; Chablis@220;
  Côtes de Gascogne blanc@80; Languedoc rouge; Saint-Émilion grand cru@330; Crozes-Hermitage@220;
  Alsace riesling@140; Sancerre blanc@230; Pays d'Oc merlot@70; Pays d'Oc chardonnay@75; Cahors malbec@120;
  Vouvray demi-sec@150; Minervois rouge; Bergerac rosé@90; Entre-deux-Mers blanc@100; Gaillac rouge@100 |
  75 cl=599 | Caves Bourdieu; Maison Leroux-Vallée; Cellier des Vignerons
S Crémant de {v} brut {b} {f} | Bourgogne; Loire; Alsace | 75 cl=999 | Maison Leroux-Vallée;
  Cellier des Vignerons
S Champagne {v} {b} {f} | brut; brut rosé@115; demi-sec | 75 cl=2490 | Maison Leroux-Vallée; Caves Bourdieu
S {v} {b} {f} | Vin rouge de table; Vin rosé de table; Vin blanc de table | 1 L=299; cubi 5 L=1290 |
  Le Panier du Marché; Cellier des Vignerons

[spiritueux]
S {v} {b} {f} | Pastis de Marseille@110; Whisky écossais blended; Whisky écossais single malt 12 ans@200;
  Rhum blanc agricole@90; Rhum ambré@110; Vodka; Gin London dry@110; Calvados Pays d'Auge@150; Cognac VS@170;
  Armagnac@160; Crème de cassis de Dijon@55; Liqueur de poire williams@110; Porto rouge@65;
  Muscat de Rivesaltes@55; Apéritif à la gentiane@85 | 70 cl=1599 | Distillerie Vauclair; Le Panier du Marché

[lait-oeufs]
R Lait {v} {b} {f} | demi-écrémé UHT; entier UHT@110; écrémé UHT@95; demi-écrémé bio@130;
  entier frais microfiltré@125; demi-écrémé sans lactose@140 | 1 L=109; 6 x 1 L=619 |
  Le Panier du Marché; Laiterie du Vercors
R Œufs {v} {b} {f} | frais de plein air; bio@130; de poules élevées au sol@85; extra-frais gros calibre@115 |
  x6=219; x12=399 | Le Panier du Marché; Ferme des Quatre Vents
R Œufs {v} {f} | bio; frais de la ferme | x6=239; x10=379 | |
  Œufs de la ferme voisine, ramassés dans la semaine.
R Boisson végétale {v} {b} {f} | amande; avoine; soja; riz; coco@110; noisette@120 | 1 L=229 |
  Le Panier du Marché; Les Champs Dorés
R Lait de chèvre demi-écrémé {b} {f} | | 1 L=219 | Ferme des Quatre Vents
R Lait fermenté ribot {b} {f} | | 1 L=189 | Laiterie du Vercors

[yaourts-desserts]
R Yaourt {v} {b} {f} | nature; nature au lait entier; brassé à la vanille; aux fruits panachés;
  à la grecque@130;
  au lait de brebis@150; nature bio@120; sur lit de fraise; au citron; à la noix de coco;
  au lait de chèvre@140 |
  4 x 125 g=169; 8 x 125 g=299 | Le Panier du Marché; Laiterie du Vercors; Les Prés Fleuris
R {v} {b} | Fromage blanc 3,2 % 500 g; Fromage blanc 0 % 500 g@90; Faisselle 4 x 100 g;
  Petits-suisses nature 6 x 60 g@90; Skyr nature 450 g@120; Fromage blanc aux fruits 4 x 100 g | =199 |
  Le Panier du Marché; Laiterie du Vercors; Les Prés Fleuris
R {v} {b} {f} | Crème dessert à la vanille; Crème dessert au chocolat; Crème dessert au caramel; Riz au lait;
  Mousse au chocolat@110; Crème brûlée@150; Flan nappé au caramel; Île flottante@140; Liégeois au chocolat;
  Panna cotta aux fruits rouges@130; Semoule au lait; Tiramisu@160; Petits pots de crème au chocolat@130 |
  4 x 100 g=189 | Le Panier du Marché; Les Prés Fleuris
R Compote {v} {b} {f} | pomme; pomme fraise; pomme poire; pomme sans sucres ajoutés; pomme vanille;
  pomme abricot |
  4 x 100 g=179; gourdes 4 x 90 g=219 | Le Panier du Marché; Vergers du Comtat

[beurre-creme]
R Beurre {v} {b} {f} | doux; demi-sel; doux bio@125; tendre à tartiner; de baratte demi-sel@140;
  aux cristaux de sel de Guérande@130 | 250 g=259; 500 g=479 | Le Panier du Marché; Beurrerie du Cotentin
R Crème fraîche {v} {b} {f} | épaisse entière; épaisse légère 15 %; liquide entière; liquide légère |
  20 cl=149; 50 cl=299 | Le Panier du Marché; Laiterie du Vercors
R Crème fraîche épaisse {f} | | 20 cl=169; 40 cl=309 | |
  Crème crue fermière, livrée chaque semaine par une ferme du Vercors.
R Beurre de ferme {v} {f} | doux; demi-sel | 250 g=349 | | Beurre cru baratté à la ferme, moulé à la main.
S Margarine {v} {b} {f} | au tournesol; allégée | 500 g=219 | Le Panier du Marché

[fromages-ls]
R {v} {b} | Camembert de Normandie AOP 250 g@80; Coulommiers 350 g@80; Comté AOP 12 mois 250 g@140;
  Emmental râpé 200 g@60; Emmental râpé 500 g@130; Mozzarella 125 g@40; Mozzarella di bufala 125 g@90;
  Roquefort AOP 150 g@110; Bûche de chèvre 180 g@80; Crottins de chèvre x2@90; Saint-Nectaire AOP 450 g@230;
  Raclette en tranches 400 g@150; Feta AOP 200 g@90; Reblochon de Savoie AOP 450 g@200;
  Mimolette vieille 200 g@100; Fromage fondu en portions x16@80; Tomme des Pyrénées 350 g@150;
  Mascarpone 250 g@70; Ricotta 250 g@70; Parmigiano Reggiano râpé 100 g@90; Cancoillotte nature 250 g@80;
  Munster AOP 200 g@100; Pont-l'Évêque AOP 220 g@110; Fromage frais ail et fines herbes 150 g@75;
  Brie de Meaux AOP 350 g@180; Chèvre frais 150 g@70; Bleu d'Auvergne AOP 250 g@100 | =299 |
  Le Panier du Marché; Fromagerie Mouret
R {v} {b} | Gruyère AOP 250 g; Raclette suisse en tranches 200 g@80; Emmentaler AOP 250 g@90;
  Tête de Moine AOP en rosettes 100 g@110 | =449 | Alpenhof

[fromages-coupe]
kg R | Comté AOP 18 mois=2490; Comté AOP 12 mois=1990; Beaufort AOP=2990; Emmental de Savoie IGP=1390;
  Tomme de Savoie IGP=1690; Morbier AOP=1890; Cantal entre-deux AOP=1790; Salers AOP=2290;
  Saint-Nectaire fermier AOP=2190; Roquefort AOP=2990; Bleu d'Auvergne AOP=1590; Fourme d'Ambert AOP=1790;
  Brie de Meaux AOP=1990; Munster fermier=1890; Mimolette extra-vieille=2490; Ossau-Iraty AOP=2690;
  Tomme de brebis=2390; Parmigiano Reggiano 24 mois=3290; Gorgonzola dolce=1990; Gouda vieux=2190;
  Abondance AOP=2390; Raclette au lait cru=1790; Bûche de chèvre affinée=2290; Maroilles AOP=1890;
  Gruyère suisse AOP=2690; Raclette fumée=1890 |
  Coupé à la demande. Fromages au lait cru déconseillés aux femmes enceintes et aux jeunes enfants.

[fruits]
kg R | Pommes Golden=249; Pommes Gala=269; Pommes Pink Lady=399; Pommes Granny Smith=279;
  Pommes Reine des reinettes=299; Pommes Golden bio=349; Poires Conférence=299; Poires Williams=329;
  Bananes=199; Bananes bio=269; Oranges à jus=229; Oranges Navel=279; Clémentines de Corse IGP=399;
  Citrons jaunes=349; Citrons verts=499; Pamplemousses roses=299; Kiwis=399; Raisin blanc Italia=399;
  Raisin noir Muscat=499; Fraises gariguettes=990; Cerises=890; Abricots=449; Pêches jaunes=399;
  Nectarines blanches=429; Prunes reine-claude=449; Mirabelles de Lorraine=599; Quetsches=349;
  Figues fraîches=799; Châtaignes=699; Kakis=449; Litchis=599; Dattes Medjool=1490; Rhubarbe=399 |
  Vendu au poids. Origine et catégorie affichées en rayon.
ea R | Melon charentais (pièce)=299; Ananas (pièce)=249; Mangue (pièce)=179; Avocat (pièce)=99;
  Avocats mûrs à point x2=249; Grenade (pièce)=149; Noix de coco (pièce)=199; Pastèque (pièce)=499;
  Barquette de fraises 250 g=349; Barquette de framboises 125 g=299; Barquette de myrtilles 125 g=279;
  Barquette de groseilles 125 g=259; Filet d'oranges à jus 2 kg=399; Filet de citrons 1 kg=299;
  Sachet de pommes Golden 1,5 kg=349

[legumes]
kg R | Tomates rondes=249; Tomates grappe=299; Tomates cœur de bœuf=449; Tomates cerises en grappe=699;
  Pommes de terre Charlotte=199; Pommes de terre Bintje=129; Pommes de terre grenaille=299;
  Pommes de terre bio à chair ferme=249; Carottes=129; Carottes bio=199; Courgettes=249; Aubergines=299;
  Poivrons rouges=399; Poivrons verts=299; Poivrons jaunes=399; Oignons jaunes=149; Oignons rouges=249;
  Échalotes=449; Ail blanc=890; Poireaux=229; Céleri-rave=249; Navets=229; Betteraves cuites=299;
  Champignons de Paris=499; Haricots verts=599; Endives=349; Brocolis=299; Choux de Bruxelles=399; Panais=299;
  Patates douces=299; Fenouil=329; Topinambours=349; Courge butternut=199; Potimarron=229; Radis noir=249;
  Gingembre frais=799; Asperges vertes=1290; Asperges blanches=1090; Fèves=499; Blettes=299;
  Épinards frais=599; Pois gourmands=990; Girolles=2490; Cèpes=2990 |
  Vendu au poids. Origine et catégorie affichées en rayon.
ea R | Concombre (pièce)=89; Chou-fleur (pièce)=249; Céleri branche (pièce)=179; Chou vert frisé (pièce)=199;
  Chou rouge (pièce)=179; Botte de radis=149; Botte de carottes fanes=229; Botte d'oignons nouveaux=169;
  Barquette de tomates cerises 250 g=199; Filet de pommes de terre 2,5 kg=349;
  Filet d'oignons jaunes 1 kg=169;
  Ail violet 3 têtes=199; Maïs doux en épis x2=249; Artichaut breton (pièce)=149

[herbes-salades]
ea R | Salade batavia (pièce)=119; Laitue feuille de chêne (pièce)=129; Laitue iceberg (pièce)=139;
  Scarole (pièce)=149; Frisée (pièce)=169; Botte de persil plat=99; Botte de persil frisé=99;
  Botte de coriandre=99; Botte de ciboulette=129; Botte d'aneth=129; Botte de menthe fraîche=129;
  Basilic en pot=249; Thym frais (bouquet)=129; Romarin frais (bouquet)=129; Citronnelle (botte)=159;
  Cresson (botte)=169
R {v} {b} {f} | Mâche; Mélange gourmand; Roquette; Jeunes pousses d'épinards; Salade iceberg émincée |
  150 g=199 |
  Jardins de Bretagne; Le Panier du Marché

[charcuterie-coupe]
kg R | Jambon blanc à l'os=2290; Jambon blanc supérieur=1890; Jambon de Bayonne IGP=2990;
  Jambon sec de pays=2490;
  Jambon de Parme AOP=3990; Rosette de Lyon=2190; Saucisson sec pur porc=1890; Saucisson à l'ail=1690;
  Chorizo doux=1790; Coppa=3290; Pancetta roulée=2790; Pâté de campagne=1490; Pâté en croûte=1990;
  Terrine de canard=2490; Rillettes du Mans=1790; Mousse de foie=1390; Andouille de Vire=2490;
  Boudin noir=1190;
  Boudin blanc=1690; Fromage de tête=1290; Jambon persillé de Bourgogne=2290; Saucisses de Toulouse=1190;
  Saucisse de Morteau IGP=1690; Chipolatas=1290; Merguez=1390; Lard fumé=1490 |
  Tranché à la demande au rayon coupe.

[charcuterie-ls]
R Jambon {v} {b} {f} | blanc supérieur découenné; blanc à l'étouffée; blanc au torchon@115; blanc bio@130;
  blanc fumé au bois de hêtre@110 | 4 tranches=299; 8 tranches=549 | Le Panier du Marché; Charcuterie Pradel
R {v} {b} | Lardons fumés 2 x 100 g; Lardons nature 2 x 100 g; Allumettes fumées 2 x 75 g;
  Bacon fumé en tranches 120 g@110; Blanc de poulet rôti 4 tranches@110; Blanc de dinde 4 tranches;
  Saucisses de Strasbourg x6@110; Saucisses fumées x4@120 | =229 | Le Panier du Marché; Charcuterie Pradel
R {v} {b} | Saucisson sec pur porc 250 g@150; Rosette de Lyon tranchée 100 g;
  Jambon de Bayonne IGP 6 tranches@150;
  Jambon sec 4 tranches@110; Chorizo doux en tranches 100 g; Chorizo fort en tranches 100 g;
  Saucisson à l'ail 300 g@130; Mini-saucissons apéritif 100 g@110 | =229 | Le Panier du Marché;
  Salaisons du Livradois
R {v} {b} {f} | Pâté de campagne; Pâté de campagne façon grand-mère@110; Rillettes pur porc;
  Rillettes de canard@130; Terrine de campagne au poivre vert;
  Mousse de canard au porto@110; Pâté de foie; Terrine de sanglier@140 | 180 g=229 |
  Le Panier du Marché; Salaisons du Livradois
R Foie gras de canard entier {v} {b} {f} | mi-cuit; du Sud-Ouest IGP@120 | 180 g=1890 | Salaisons du Livradois
R {v} {b} | Prosciutto di Parma DOP 6 tranches@160; Coppa 8 tranches@120; Bresaola 80 g@140;
  Mortadelle à la pistache 120 g@90; Salami Milano 100 g@90 | =299 | Casa Mancini
R {v} {b} | Jamón serrano 6 tranches@130; Chorizo ibérique 100 g@140; Lomo curado 80 g@150 | =299 | La Costera

[traiteur]
kg I | Olives vertes à la provençale=1290; Olives noires de Nyons AOP=1990; Taboulé oriental=990;
  Carottes râpées au citron=790; Céleri rémoulade=890; Salade piémontaise=990; Poulet rôti fermier=1290;
  Museau de porc vinaigrette=1390 | Préparé chaque jour par notre traiteur, vendu au poids.
lbl I | Barquette de taboulé oriental=450; Plateau apéritif de charcuterie=1290;
  Plateau de fromages affinés=1490;
  Barquette de salade de riz niçoise=490; Quiche lorraine (part)=390;
  Tourte au poulet et champignons (part)=420;
  Lasagnes maison (barquette)=690; Hachis parmentier maison (barquette)=650; Paëlla royale (barquette)=890;
  Assortiment de tapas=790; Pâté en croûte (tranche)=350; Bœuf bourguignon maison (barquette)=990;
  Couscous royal (barquette)=950; Brandade de morue (barquette)=750; Moussaka maison (barquette)=790;
  Poulet rôti fermier entier=1190; Terrine de saumon (tranche)=390 |
  Pesé et étiqueté au rayon traiteur : le prix à payer est imprimé sur l'étiquette.
I {v} {b} {f} | Hachis parmentier; Lasagnes à la bolognaise; Gratin dauphinois; Poulet basquaise et riz;
  Blanquette de veau et riz@115; Saumon à l'oseille et tagliatelles@120; Parmentier de canard@130;
  Tartiflette;
  Brandade de morue; Moussaka; Paëlla royale@115; Couscous au poulet; Risotto aux champignons;
  Chili sin carne |
  300 g=449 | Le Panier du Marché; Traiteur Lemoine
R {v} {b} {f} | Raviolis frais ricotta épinards; Tortellini au jambon cru; Tagliatelles fraîches aux œufs;
  Gnocchi de pommes de terre frais; Cappelletti aux trois fromages | 250 g=259 | Le Panier du Marché;
  Casa Mancini
R Pâte {v} {b} {f} | feuilletée pur beurre; brisée; sablée; à pizza | 230 g=149 | Le Panier du Marché;
  Traiteur Lemoine

[snacking]
I Sandwich {v} {b} | jambon beurre; poulet crudités; thon crudités; jambon emmental; saumon fumé@140;
  club poulet bacon@110; végétarien houmous et légumes grillés; œuf mayonnaise@90 | =349 |
  Le Panier du Marché; Traiteur Lemoine
I Salade {v} {b} {f} | César au poulet; niçoise; de pâtes au pesto; de quinoa et légumes; piémontaise;
  grecque à la feta | bol 300 g=429 | Le Panier du Marché; Traiteur Lemoine
I Wrap {v} {b} | poulet curry; saumon et fromage frais@115; falafels et crudités | =379 | Traiteur Lemoine
I {v} {b} | Croque-monsieur x2; Quiche lorraine individuelle; Croissant jambon fromage@80 | =299 |
  Traiteur Lemoine

[pains]
ea R | Baguette=110; Baguette tradition=130; Demi-baguette=60; Ficelle=80; Flûte=120; Pain de campagne=260;
  Pain de campagne tranché=280; Pain complet=240; Pain aux céréales=280; Pain de seigle=290;
  Pain aux noix=350;
  Pain au levain=320; Pain d'épeautre=360; Boule bio=340; Fougasse aux olives=320; Fougasse aux lardons=330;
  Pain aux figues=390; Pain sans gluten=420; Pain de mie artisanal=330 |
  Cuit sur place plusieurs fois par jour.

[viennoiseries]
ea R | Croissant pur beurre=120; Pain au chocolat=130; Pain aux raisins=150; Chausson aux pommes=160;
  Croissant aux amandes=220; Brioche tressée=390; Brioche au sucre=90; Pain au lait=60;
  Chouquettes (sachet de 10)=240; Kouign-amann=250; Palmier=150; Suisse aux pépites de chocolat=180;
  Brioche à tête=110 | Cuites sur place chaque matin.

[patisseries]
ea R | Éclair au chocolat=280; Éclair au café=280; Tartelette aux fraises=350;
  Tartelette citron meringuée=320;
  Mille-feuille=330; Paris-Brest=360; Flan pâtissier (part)=250; Religieuse au chocolat=320; Opéra=360;
  Tarte aux pommes 6 parts=1490; Fraisier 6 parts=2490; Far breton (part)=240; Canelés x4=520;
  Macarons x6=890;
  Financier=120; Cookie géant=180; Baba au rhum=340; Forêt-noire 6 parts=2290;
  Galette des rois frangipane 6 parts=1890; Tropézienne (part)=360 |
  Pâtisseries de notre boulanger partenaire, livrées chaque matin.

[pains-emballes]
R Pain de mie {v} {b} {f} | nature; complet; sans croûte; brioché@120; aux céréales@110 | 500 g=189 |
  Le Panier du Marché; Fournée Dorée
R Biscottes {v} {b} {f} | froment; complètes; sans sel ajouté; aux céréales@110 | 300 g=159 |
  Le Panier du Marché; Fournée Dorée
R {v} {b} | Pains au lait x10@110; Brioche tranchée 500 g@130; Pains à burger x4; Tortillas de blé x8;
  Pain grillé suédois 225 g@90; Pains pour hot-dog x6@90; Crêpes de froment x8; Pains grillés dorés 250 g@80;
  Croûtons à l'ail 90 g@60 | =219 | Le Panier du Marché; Fournée Dorée

[glaces]
R Glace {v} {b} {f} | vanille de Madagascar; chocolat noir; café; pistache@115; rhum raisins; fraise;
  caramel au beurre salé; noix de coco; menthe chocolat; nougat@110 | 1 L=449 | Le Panier du Marché;
  Glacier des Alpes
R Sorbet {v} {b} {f} | citron; framboise; mangue; cassis; poire; fruit de la passion@110 | 750 ml=429 |
  Le Panier du Marché; Glacier des Alpes
R {v} {b} | Cônes vanille chocolat x6; Bâtonnets glacés enrobés aux amandes x4; Esquimaux à la vanille x6@90;
  Vacherin glacé vanille framboise@200; Profiteroles x12@120; Bûche glacée vanille praliné@220;
  Glaces à l'eau x10@70 | =399 | Le Panier du Marché; Glacier des Alpes
ea R | Sac de glaçons 2 kg=199; Sac de glace pilée 2 kg=249 | Glaçons d'eau de source, fabriqués en France.

[plats-surgeles]
R Pizza {v} {b} {f} | margherita; royale; quatre fromages; chorizo; chèvre miel; savoyarde; thon olives |
  400 g=299 |
  Le Panier du Marché; Frimas
R {v} {b} {f} | Lasagnes à la bolognaise; Hachis parmentier; Gratin de pâtes au jambon;
  Paëlla aux fruits de mer@120;
  Poêlée campagnarde aux lardons; Riz cantonais; Tartiflette | 1 kg=499 | Le Panier du Marché; Frimas
R {v} {b} | Nems au poulet x12; Samoussas aux légumes x12; Petits fours salés x24@120;
  Crêpes jambon fromage x4;
  Croque-monsieur x4 | =399 | Frimas; Le Panier du Marché
R {v} {b} | Steaks hachés pur bœuf 5 % MG x4; Steaks hachés pur bœuf 15 % MG x10@180;
  Cordons bleus de dinde x4@90;
  Nuggets de poulet 500 g@110; Boulettes de bœuf 500 g@110 | =479 | Le Panier du Marché; Frimas

[legumes-surgeles]
R {v} {b} {f} | Haricots verts extra-fins; Petits pois; Épinards hachés; Brocolis en fleurettes;
  Poêlée de légumes grillés@120; Poêlée à la provençale@110; Jardinière de légumes; Julienne de légumes;
  Champignons émincés; Ratatouille@110; Chou-fleur en fleurettes; Mélange pour couscous; Poêlée asiatique@120;
  Carottes en rondelles@80 | 1 kg=289 | Le Panier du Marché; Frimas
R {v} {b} {f} | Frites allumettes; Frites classiques; Frites au four; Pommes noisettes@120;
  Pommes dauphine@130;
  Galettes de pommes de terre@130; Potatoes épicées@110 | 1 kg=219 | Le Panier du Marché; Frimas
R {v} {b} {f} | Framboises; Mélange de fruits rouges; Mangue en cubes; Myrtilles sauvages | 500 g=399 |
  Frimas; Le Panier du Marché

[poissons-surgeles]
R {v} {b} {f} | Filets de colin d'Alaska panés; Pavés de saumon@160; Filets de cabillaud@140;
  Crevettes cuites décortiquées@150; Moules décortiquées; Noix de Saint-Jacques@300; Bâtonnets de colin;
  Filets de merlu blanc; Poêlée de fruits de mer@120; Filets de lieu noir; Calamars à la romaine |
  400 g=449 | Le Panier du Marché; Frimas

[vrac-sec]
kg R | Amandes décortiquées=1990; Noix de cajou=2290; Noisettes décortiquées=1890; Cerneaux de noix=2490;
  Raisins secs sultanines=890; Abricots secs=1490; Pruneaux d'Agen=1190; Figues sèches=1390;
  Dattes Deglet Nour=990; Canneberges séchées=1690; Graines de courge=1490; Graines de tournesol=690;
  Graines de chia=1290; Graines de lin brun=690; Lentilles vertes=490; Lentilles corail=590;
  Lentilles béluga=790;
  Pois chiches=390; Haricots rouges=490; Haricots blancs lingots=690; Pois cassés=390; Riz basmati=490;
  Riz complet=390; Riz rouge de Camargue=690; Quinoa=990; Boulgour=440; Semoule complète=390;
  Flocons d'avoine=390; Muesli floconneux=690; Granola aux noix=1190; Coquillettes=390; Penne=390;
  Farine de blé T65=240; Sucre de canne blond=390; Café en grains=2290; Pépites de chocolat noir=1690;
  Cacahuètes décortiquées=790; Noix de coco râpée=990; Polenta=390; Petit épeautre=690;
  Sarrasin décortiqué=690; Millet=490; Gingembre confit=1890; Amandes effilées=2190;
  Sel gris de Guérande=390 | Vrac : apportez vos contenants, ils sont tarés à la caisse.
kg S | Bonbons assortis=1490; Guimauves=1390; Réglisse=1690 | Vrac : apportez vos contenants.

[vrac-liquide]
l R | Huile d'olive vierge extra (vrac)=990; Huile de tournesol bio (vrac)=390; Vinaigre de cidre (vrac)=290 |
  Servi à la pompe, au litre : apportez votre bouteille.
l S | Vin rouge de pays (tireuse)=490; Vin rosé de pays (tireuse)=490; Lessive liquide écologique (vrac)=450;
  Liquide vaisselle (vrac)=390; Savon noir liquide (vrac)=590; Gel douche neutre (vrac)=890 |
  Servi au litre : apportez votre bouteille.

[royaume-uni]
R {b} {v} {f} | Digestive Biscuits; Chocolate Digestives@120; Shortbread Fingers@150; Ginger Nuts;
  Custard Creams;
  Rich Tea Biscuits; Oat Flapjacks@130; Jam Sandwich Biscuits | 300 g=249 | Highland Bakery; Royal Crest
R {b} {v} {f} | Orange Marmalade Thick Cut; Lemon Curd; Strawberry Jam; Golden Syrup; Mint Sauce@80;
  Piccalilli;
  Brown Sauce; English Mustard@80; Mango Chutney; Sweet Pickle; Black Treacle | 340 g=339 |
  Windsor Larder; Royal Crest
R {b} {v} {f} | Baked Beans in Tomato Sauce@70; Cream of Tomato Soup; Mushy Peas@70;
  Treacle Sponge Pudding@130;
  Chicken Tikka Masala@140; Scotch Broth; Spaghetti Hoops in Tomato Sauce@70 | 400 g=199 |
  Windsor Larder; Thistle & Rose
R {b} {v} Crisps {f} | Ready Salted; Salt & Vinegar; Cheese & Onion; Prawn Cocktail; Roast Chicken;
  Smoky Bacon |
  150 g=229 | Thistle & Rose; Royal Crest
R {b} {v} | Custard Powder 300 g; Gravy Granules 200 g; Yorkshire Pudding Mix 142 g@80; Scone Mix 500 g;
  Self-Raising Flour 1 kg@90; Porridge Oats 1 kg@110; Christmas Pudding 454 g@250; Mince Pies x6@180 | =279 |
  Windsor Larder
R {b} Scottish Oatcakes {v} {f} | Rough; Fine Milled | 250 g=229 | Highland Bakery

[amerique]
R {b} Peanut Butter {v} {f} | Creamy; Crunchy; Natural Smooth@115; Honey Roasted@110 | 340 g=389 |
  Liberty Pantry; Crunchy Valley
R {b} {v} | Pancake & Waffle Mix 907 g; Fudge Brownie Mix 500 g; Chocolate Chip Cookie Mix 496 g;
  Mac & Cheese Dinner 206 g@50; Cornbread Mix 425 g@80; Mini Marshmallows 283 g@80;
  Marshmallow Fluff 213 g@90;
  Hickory BBQ Sauce 510 g; Honey Mustard Dressing 473 ml; Ranch Dressing 473 ml; Yellow Mustard 397 g@70;
  Sweet Relish 375 ml@80; Jalapeño Slices 340 g@90; Chipotle Hot Sauce 148 ml@90; Cranberry Sauce 397 g@90 |
  =449 | Liberty Pantry
R {b} {v} {f} | Frosted Corn Flakes; Honey Oat Clusters; Cinnamon Crunch Squares; Chocolate Puffs;
  Fruity Rings;
  Peanut Butter Puffs | 375 g=389 | Crunchy Valley
R {b} {v} {f} | Tortilla Chips Nacho Cheese; Tortilla Chips Lightly Salted; Pretzel Twists;
  Salted Caramel Popcorn;
  Cheese Puffs; Kettle Chips Sea Salt; Kettle Chips Jalapeño | 200 g=279 | Big Sky Snacks; Liberty Pantry
R {b} Beef Jerky {v} {f} | Original; Teriyaki; Cracked Pepper | 70 g=549 | Big Sky Snacks
R {b} Pure Maple Syrup {v} {f} | Amber Rich; Dark Robust | 250 ml=799; 500 ml=1399 | Maple Ridge
R {b} {v} | Maple Leaf Cookies 400 g@90; Maple Sugar Candy 60 g@90; Maple Butter 250 g@110 | =599 |
  Maple Ridge
R {b} {v} {f} | Root Beer; Cream Soda; Ginger Ale; Cherry Cola; Grape Soda; Orange Soda | 355 ml can=149 |
  Liberty Pantry
S {b} {v} {f} | Peanut Butter Cups; Chewy Fruit Candies; Sour Gummy Worms; Candy Corn; Saltwater Taffy |
  150 g=299 |
  Big Sky Snacks

[asie]
R {b} {v} | Coconut Milk 400 ml@80; Coconut Cream 250 ml@90; Sweet Chilli Sauce 290 ml@110; Fish Sauce 200 ml;
  Green Curry Paste 110 g@110; Red Curry Paste 110 g@110; Jasmine Rice 1 kg@180; Rice Noodles 400 g@110;
  Sriracha Hot Chilli Sauce 430 ml@150; Oyster Sauce 255 g@120; Tom Yum Paste 227 g@120;
  Pad Thai Sauce 240 ml@110; Lychees in Syrup 565 g@130; Tapioca Pearls 400 g; Bamboo Shoots 227 g@80 |
  =199 | Golden Lotus
R {b} {v} | Soy Sauce 250 ml@120; Reduced Salt Soy Sauce 250 ml@130; Sushi Rice 1 kg@220;
  Rice Vinegar 300 ml@130;
  Nori Seaweed Sheets x10@180; Instant Miso Soup x3@110; Wasabi Paste 43 g@120;
  Pickled Sushi Ginger 190 g@110;
  Panko Breadcrumbs 200 g@110; Udon Noodles 3 x 200 g@150; Ramen Noodles Chicken 85 g@50;
  Ramen Noodles Spicy Miso 85 g@55; Mirin Rice Seasoning 150 ml@150; Teriyaki Sauce 250 ml@130;
  Toasted Sesame Oil 150 ml@170; Matcha Green Tea Powder 30 g@350 | =199 | Sakura Kitchen
R {b} {v} | Hoisin Sauce 240 g@110; Egg Noodles 250 g@90; Instant Noodles Chicken Flavour x5@120;
  Instant Noodles Beef Flavour x5@120; Instant Noodles Shrimp Flavour x5@120; Spring Roll Wrappers x25@110;
  Black Bean Sauce 200 g@110; Plum Sauce 200 g; Five Spice Powder 50 g@90; Crispy Chilli Oil 210 g@180;
  Jasmine Tea 100 g@200; Dried Shiitake Mushrooms 50 g@220 | =199 | Jade Garden

[italie]
R {v} {b} | Riz Carnaroli pour risotto 1 kg@180; Orecchiette 500 g@100; Paccheri 500 g@110;
  Tomates séchées à l'huile d'olive 280 g@150; Grissini torinesi 125 g@90;
  Taralli à l'huile d'olive 250 g@110;
  Amaretti 200 g@120; Panettone classique 750 g@400; Cantuccini aux amandes 250 g@140;
  Polenta instantanée 500 g@100; Crème de vinaigre balsamique 250 ml@150; Câpres au sel 100 g@100;
  Artichauts grillés à l'huile 280 g@170; Pâte de truffe noire 80 g@350; Farine pour pizza type 00 1 kg@90 |
  =249 | Casa Mancini
S {v} {b} {f} | Limoncello; Amaretto; Grappa@130 | 50 cl=1290 | Casa Mancini

[orient]
R {v} {b} | Harissa traditionnelle 135 g@60; Citrons confits 300 g@120; Thé vert gunpowder 250 g@150;
  Dattes Deglet Nour branchées 500 g@150; Feuilles de brick x10@90; Eau de fleur d'oranger 250 ml@80;
  Pâte de dattes 500 g@110; Mélange pour tajine 100 g@90; Semoule fine de couscous 1 kg@100;
  Pois chiches trempés 1 kg@110 | =249 | Dar El Baraka
R {v} {b} | Tahini crème de sésame 300 g@170; Boulgour gros 1 kg@130; Halva au sésame 250 g@120;
  Loukoums à la rose 250 g@130; Pois chiches grillés 200 g@80; Feuilles de vigne farcies 280 g@140;
  Baklavas assortis 250 g@250; Pistaches grillées d'Antep 200 g@220 | =249 | Anatolia Foods

[cheveux]
S Shampooing {v} {b} {f} | cheveux normaux; cheveux gras; cheveux secs; antipelliculaire@115; usage fréquent;
  cheveux colorés@110; cheveux bouclés@110 | 250 ml=249; 400 ml=369 | Le Panier du Marché; Doucéa;
  Natura Fleur
S Après-shampooing {v} {b} {f} | démêlant; réparateur; cheveux colorés | 200 ml=279 | Doucéa; Natura Fleur
S {b} {v} Shampoo {f} | Tea Tree; Coconut & Aloe; Volume Boost; Anti-Dandruff@115 | 300 ml=449 |
  Evergreen Labs
S {b} {v} Conditioner {f} | Coconut & Aloe; Argan Repair | 300 ml=449 | Evergreen Labs
S {v} {b} | Gel coiffant fixation forte 150 ml; Laque fixation normale 300 ml@120;
  Masque capillaire nourrissant 300 ml@150;
  Huile capillaire à l'argan 100 ml@180; Shampooing sec 200 ml@110; Brosse démêlante@150;
  Élastiques à cheveux x20@60 | =299 | Doucéa

[corps]
S Gel douche {v} {b} {f} | fleur de coton; amande douce; monoï; agrumes; fraîcheur menthe;
  surgras peaux sensibles;
  au lait d'avoine; vanille; thé vert | 250 ml=199; 750 ml=449 | Le Panier du Marché; Doucéa
S Savon de Marseille {v} {b} {f} | à l'huile d'olive; extra pur 72 %; lavande; fleur d'oranger | 100 g=249;
  300 g=549 |
  Savonnerie Rambert | Savon cuit au chaudron, sans colorant.
S Savon liquide pour les mains {v} {b} {f} | lavande; amande douce; antibactérien; fleur de cerisier |
  300 ml=199; recharge 500 ml=279 | Le Panier du Marché; Doucéa
S Déodorant {v} {b} | bille fraîcheur; spray 48 h; stick peaux sensibles; bille à la pierre d'alun@120;
  spray homme sport | =249 | Doucéa; Natura Fleur
S {v} {b} | Crème hydratante visage 50 ml@200; Crème mains réparatrice 75 ml; Lait corps hydratant 400 ml@120;
  Eau micellaire 400 ml@110; Crème de jour anti-âge 50 ml@280; Beurre de karité pur 100 g@150;
  Gel d'aloe vera 200 ml@130; Baume à lèvres@60 | =299 | Natura Fleur; Doucéa
S {v} {b} | Disques démaquillants x80; Cotons-tiges x200; Coton hydrophile 100 g@80;
  Disques démaquillants bio x70@120 | =149 | Le Panier du Marché; Coton Douceur
S {b} {v} | Sea Minerals Body Wash 400 ml; Cocoa Butter Body Lotion 400 ml@130;
  Shea Butter Hand Cream 75 ml@80;
  Aloe Vera Hand Cream 75 ml@80; Charcoal Face Scrub 150 ml@110 | =499 | Evergreen Labs

[dentaire]
S Dentifrice {v} {b} {f} | protection caries; blancheur; gencives sensibles; menthe fraîche; junior dès 6 ans;
  au charbon actif@115 | 75 ml=199 | Le Panier du Marché; Dentilis
S Brosse à dents {v} {b} {f} | souple; medium; extra-souple; enfant 2-6 ans; en bambou@130 | x2=249 |
  Le Panier du Marché; Dentilis
S {v} {b} | Bain de bouche menthe fraîche 500 ml; Bain de bouche protection gencives 500 ml@110;
  Fil dentaire mentholé 50 m@80; Brossettes interdentaires x10@110;
  Comprimés nettoyants pour prothèses x30@120 |
  =349 | Dentilis
S {b} {v} | Whitening Toothpaste 75 ml; Sensitive Toothpaste 75 ml; Fresh Mint Mouthwash 500 ml@150 | =299 |
  Evergreen Labs

[rasage]
S Rasoirs jetables {v} {b} {f} | 2 lames; 3 lames@130; 5 lames@180; 3 lames spécial femme@140 | x5=299;
  x10=499 |
  Le Panier du Marché; Barberie Lambert
S {v} {b} | Mousse à raser peaux sensibles 300 ml; Gel à raser fraîcheur 200 ml@110;
  Baume après-rasage 100 ml@160;
  Blaireau en poils synthétiques@250; Savon à barbe 100 g@120; Lames de rasoir de sûreté x10@140 | =249 |
  Barberie Lambert
S {v} {b} | Bandes de cire froide visage x20; Bandes de cire froide corps x20; Crème dépilatoire 150 ml@120;
  Pince à épiler inox@80 | =399 | Doucéa

[hygiene-feminine]
R Serviettes hygiéniques {v} {b} {f} | normal; super; nuit; ultra-fines; en coton bio@130 | x14=249 |
  Le Panier du Marché; Intima Douce
R Tampons {v} {b} {f} | normal; super; en coton bio@130 | x16=269 | Le Panier du Marché; Intima Douce
R Protège-slips {v} {b} {f} | classiques; en coton bio@130 | x30=199 | Le Panier du Marché; Intima Douce
R Coupe menstruelle taille {v} {b} | S; L | =1990 | Intima Douce |
  Silicone médical, réutilisable plusieurs années.

[parapharmacie]
S Pansements {v} {b} | assortis x20; résistants à l'eau x20; spécial ampoules x6@150; pour enfants x20 |
  =249 |
  Le Panier du Marché; Laboratoires Aurèle
S {v} {b} | Sérum physiologique 30 unidoses; Gel hydroalcoolique 100 ml@70; Crème solaire SPF 30 200 ml@350;
  Crème solaire SPF 50+ 200 ml@390; Lait après-soleil 200 ml@250; Thermomètre digital@450;
  Compresses stériles x20@90; Spray anti-moustiques 100 ml@280; Bouillotte 2 L@400;
  Masques chirurgicaux x50@250;
  Bouchons d'oreilles en mousse x10@120 | =199 | Laboratoires Aurèle

[lessive]
S Lessive liquide {v} {b} {f} | fraîcheur; couleurs; hypoallergénique; au savon de Marseille; écologique@115 |
  30 lavages=699; 60 lavages=1199 | Le Panier du Marché; Lavéo
S Lessive en poudre {v} {b} {f} | fraîcheur; au bicarbonate | 40 lavages=899 | Le Panier du Marché; Lavéo
S Capsules de lessive {v} {b} {f} | tout-en-un; couleurs | x28=899 | Lavéo
S Adoucissant {v} {b} {f} | lavande; fleur de coton; peaux sensibles | 1,5 L=299 | Le Panier du Marché; Lavéo
S {v} {b} | Détachant avant lavage 500 ml@120; Lingettes anti-décoloration x24@110; Cristaux de soude 1 kg@80;
  Bicarbonate de soude 500 g@70; Percarbonate de soude 500 g@100; Vinaigre ménager 14° 1 L@60;
  Savon noir liquide 1 L@130; Terre de Sommières 400 g@150; Eau de repassage parfumée 1 L@80 | =299 |
  Ménagère d'Antan

[vaisselle]
S Liquide vaisselle {v} {b} {f} | citron; pomme verte; dégraissant; à l'aloe vera;
  écologique au vinaigre@110 |
  500 ml=149; 1 L=249 | Le Panier du Marché; Clairo
S Tablettes lave-vaisselle {v} {b} {f} | tout-en-un; écologiques@110 | x30=699; x60=1199 |
  Le Panier du Marché; Clairo
S {v} {b} | Liquide de rinçage 500 ml; Sel régénérant 2 kg; Nettoyant lave-vaisselle 250 ml@140;
  Gel lave-vaisselle 1 L@180 | =199 | Le Panier du Marché; Clairo
S Éponges {v} {b} {f} | grattantes; non rayantes; végétales@130 | x3=179 | Le Panier du Marché; Maison Nette
S {v} {b} | Lavettes microfibre x3@120; Tampons à récurer inox x3; Brosse à vaisselle@90 | =199 | Maison Nette

[nettoyants]
S Nettoyant {v} {b} {f} | multi-usages; vitres; salle de bain anticalcaire; cuisine dégraissant;
  sols au savon noir;
  sols parquets | 750 ml=229 | Le Panier du Marché; Clairo; CleanWave
S Eau de Javel {v} {b} {f} | 2,6 %; parfumée citron; gel épais@120 | 1 L=129 | Le Panier du Marché; Clairo
S Gel WC {v} {b} {f} | javel; détartrant; fraîcheur marine | 750 ml=219 | Le Panier du Marché; Clairo
S Sacs poubelle {v} {b} {f} | 30 L à liens; 50 L lien coulissant@130; 100 L renforcés@170;
  20 L salle de bain@70;
  30 L compostables@140 | x20=229 | Le Panier du Marché; Maison Nette
S Désodorisant {v} {b} {f} | lavande; agrumes; fleurs blanches; anti-odeurs neutre | aérosol 300 ml=249 |
  Le Panier du Marché; Clairo
S {b} {v} | Kitchen Degreaser Spray 500 ml; Glass & Mirror Spray 500 ml; Bathroom Mousse Spray 500 ml;
  Anti-Bacterial Multi-Surface Spray 500 ml@110; Oven Cleaner Gel 500 ml@130 | =299 | CleanWave
S {v} {b} | Insecticide volants 400 ml@130; Pièges à fourmis x2@110; Diffuseur anti-moustiques@180;
  Antimites à la lavande x20@90 | =399 | Ménagère d'Antan
S {v} {b} | Crème à récurer 500 ml; Nettoyant four 500 ml@130; Déboucheur canalisations 1 L@150;
  Lingettes désinfectantes x80@130; Cire pour meubles 300 ml@150; Cirage noir 50 ml@80 | =249 |
  Le Panier du Marché; Ménagère d'Antan

[papier]
S Papier toilette {v} {b} {f} | double épaisseur; triple épaisseur@130; recyclé@90 | x6=279; x12=499 |
  Le Panier du Marché; Doux Nuage
S Essuie-tout {v} {b} {f} | classique; maxi feuilles@130 | x2=199; x4=369 | Le Panier du Marché; Doux Nuage
S Mouchoirs en papier {v} {b} | boîte x100; étuis 15 x 9; boîte au baume x80@130 | =199 |
  Le Panier du Marché; Doux Nuage
S Serviettes en papier {v} {b} | blanches x100; couleurs assorties x50; double épaisseur 38 cm x40@120 |
  =219 |
  Le Panier du Marché; Doux Nuage
S {v} {b} | Film alimentaire 30 m; Papier aluminium 20 m@110; Papier cuisson 8 m@110;
  Sacs congélation 3 L x20;
  Sachets zip 1 L x15@110; Gobelets en carton x50@120; Assiettes en carton x25@110;
  Pailles en papier x100@90 | =199 | Le Panier du Marché; Maison Nette

[bebe-repas]
R Petit pot {v} {b} {f} | carottes; légumes du jardin; purée de petits pois; haricots verts et jambon@110;
  poulet riz et carottes@110; saumon et épinards@120; patate douce; bœuf et légumes@110 |
  dès 6 mois 2 x 200 g=249 | Le Panier du Marché; Petit Bouchon
R Compote bébé {v} {b} {f} | pomme; pomme banane; poire; pomme fraise | 4 x 100 g=219 |
  Le Panier du Marché; Petit Bouchon
R Lait infantile {v} {b} {f} | 1er âge; 2e âge; de croissance@80 | 800 g=1599 | Petit Bouchon
R Céréales bébé {v} {b} {f} | vanille; cacao; multicéréales | 250 g=329 | Petit Bouchon
R {v} {b} | Biscuits bébé dès 10 mois 150 g; Gourdes de fruits dès 6 mois x4@120 | =199 | Petit Bouchon

[bebe-toilette]
S Couches {v} {b} | taille 1 (2-5 kg); taille 2 (3-6 kg); taille 3 (4-9 kg); taille 4 (7-18 kg);
  taille 5 (11-25 kg);
  taille 6 (16 kg et plus) | =1299 | Le Panier du Marché; Petit Bouchon
S Lingettes bébé {v} {b} {f} | sensitive; à l'eau; à la camomille; à l'huile d'amande douce | x64=199;
  3 x 64=499 |
  Le Panier du Marché; Petit Bouchon
S {v} {b} | Liniment oléo-calcaire 500 ml; Crème pour le change 100 g@110; Gel lavant bébé 500 ml;
  Sérum physiologique bébé x40@90; Biberon 250 ml@230; Tétines en silicone 0-6 mois x2@190;
  Cotons bébé maxi carrés x60@60 | =499 | Petit Bouchon
S Culottes d'apprentissage {v} {b} | taille 5; taille 6 | =1199 | Petit Bouchon

[chiens]
S Croquettes pour chien {v} {b} {f} | adulte au bœuf; adulte au poulet; chiot; senior; petites races;
  sans céréales@130 |
  3 kg=999; 10 kg=2599 | Le Panier du Marché; Croc'Ami
S Pâtée pour chien {v} {b} {f} | bœuf et carottes; poulet et riz; agneau et légumes | 1,2 kg=349;
  4 x 400 g=499 |
  Le Panier du Marché; Croc'Ami
S Friandises pour chien {v} {b} | os à mâcher; bâtonnets au bœuf; biscuits assortis | =249 | Croc'Ami
S {b} {v} | Chicken Jerky Dog Treats 100 g; Dental Sticks Dog Treats x7; Beef Chews Dog Treats 150 g | =399 |
  Happy Paws
S {v} {b} | Sacs à déjections x120@70; Laisse en nylon 1,2 m@250; Collier réglable@200;
  Jouet corde à nœuds@150;
  Gamelle inox 0,9 L@180; Shampooing pour chien 250 ml@200 | =349 | Croc'Ami

[chats]
S Croquettes pour chat {v} {b} {f} | adulte au saumon; stérilisé; chaton; senior; poulet et dinde |
  1,5 kg=699; 4 kg=1599 | Le Panier du Marché; Félinou
S Pâtée pour chat {v} {b} {f} | émincés en sauce; mousse au thon; terrine au lapin; bouchées en gelée |
  4 x 100 g=279; 12 x 100 g=749 | Le Panier du Marché; Félinou
S Litière pour chat {v} {b} {f} | minérale agglomérante; végétale; silice@180 | 10 L=499 |
  Le Panier du Marché; Félinou
S {b} {v} | Salmon Crunchies Cat Treats 60 g; Catnip Bites Cat Treats 60 g | =249 | Happy Paws
S {v} {b} | Griffoir en carton@400; Canne à pêche pour chat@200; Bac à litière@200; Brosse pour chat@220 |
  =349 | Félinou

[petits-animaux]
S {v} {b} | Graines pour oiseaux du ciel 1 kg; Mélange pour perruches 1 kg; Mélange pour canaris 1 kg;
  Boules de graisse pour oiseaux x6@80; Aliment complet pour lapins nains 1 kg@110;
  Mélange pour hamsters 800 g;
  Foin de prairie 1 kg@90; Copeaux de bois pour litière 15 L@120; Paillettes pour poissons rouges 100 ml@90 |
  =349 | Le Panier du Marché; Croc'Ami

[cuisine]
S {v} {b} | Poêle antiadhésive 24 cm@1600; Poêle antiadhésive 28 cm@1900; Casserole inox 16 cm@1500;
  Faitout inox 24 cm@2900; Couteau d'office@390; Couteau à pain@890; Éplucheur économe@290; Fouet inox@450;
  Spatule en bois@190; Ouvre-boîtes@590; Tire-bouchon sommelier@790; Râpe quatre faces@990; Passoire inox@890;
  Planche à découper en bambou@1190; Boîte hermétique 1 L@590; Bocal en verre à joint 1 L@490;
  Moule à cake@890; Moule à tarte 28 cm@990; Verres à eau x6@1290; Tasses à café x4@1190; Bol en grès@490;
  Assiettes plates x6@2490; Mug en céramique@690; Carafe en verre 1 L@990; Bouteille isotherme 50 cl@1990;
  Gourde inox 75 cl@2290; Minuteur de cuisine@990; Essoreuse à salade@1490 | =100 | Cuisine & Cie

[linge-maison]
var S | Torchon en coton à carreaux | Tissages des Vosges | 490 | | Rouge; Bleu; Vert; Jaune
var S | Tablier de cuisine en coton | Tissages des Vosges | 1490 | | Écru; Rouge; Bleu marine; Vert olive
var S | Serviette de bain 70 x 140 cm | Tissages des Vosges | 1490 | | Blanc; Gris perle; Bleu canard;
  Rose poudré; Sable |
  Éponge de coton 500 g/m².
var S | Drap-housse en coton | Tissages des Vosges | 1990 | 90 x 190 cm; 140 x 190 cm+500; 160 x 200 cm+900 |
  Blanc; Gris perle; Bleu ciel | Percale de coton 80 fils/cm², bonnet de 30 cm.
var S | Taie d'oreiller 63 x 63 cm | Tissages des Vosges | 790 | | Blanc; Gris perle; Bleu ciel; Terracotta
var S | Housse de couette en coton | Tissages des Vosges | 3990 | 140 x 200 cm; 220 x 240 cm+1500;
  240 x 260 cm+2500 |
  Blanc; Gris perle
var S | Nappe enduite anti-taches | Tissages des Vosges | 1990 | 150 x 150 cm; 150 x 250 cm+800;
  150 x 300 cm+1200 |
  Provençal jaune; Provençal bleu; Uni blanc
var S | Plaid polaire 130 x 170 cm | Tissages des Vosges | 1990 | | Gris; Écru; Bleu canard
var S | Gants de ménage en latex | Maison Nette | 199 | S; M; L; XL |

[piles-ampoules]
S Piles alcalines {v} {b} {f} | AA LR6; AAA LR03; C LR14@150; D LR20@170; 9 V 6LR61@140 | x4=449; x8=799 |
  Le Panier du Marché; VoltMax
S Pile bouton {v} {b} {f} | CR2032; CR2025; LR44 | x2=349 | VoltMax
S Ampoule LED {v} {b} | E27 équivalent 60 W; E27 équivalent 100 W@130; E14 flamme équivalent 40 W;
  GU10 spot équivalent 50 W; B22 baïonnette équivalent 60 W; E27 globe à filament@150 | =399 |
  Le Panier du Marché; Lumitek
S {v} {b} | Lampe torche LED@300; Lampe frontale LED@400; Piles rechargeables AA x4@400;
  Chargeur de piles@600 |
  =299 | VoltMax

[quincaillerie]
S {v} {b} | Ruban adhésif transparent 33 m@80; Ruban de masquage 50 m@110; Colle extra-forte 3 g@120;
  Assortiment de vis 200 pièces@250; Assortiment de clous 300 g@150; Crochets adhésifs x4@130;
  Mètre ruban 5 m@250; Tournevis double usage@200; Allume-feu x32@110; Allumettes x10 boîtes@80;
  Bougies chauffe-plat x30@130; Bougie parfumée à la vanille@250; Multiprise 4 prises@450;
  Rallonge électrique 5 m@450; Cadenas à clé 40 mm@350; Tendeurs élastiques x4@200; Pinceau plat 40 mm@150;
  Serre-câbles x100@150; Dégrippant 400 ml@200; Bloque-porte@180; Pinces à linge x24@100;
  Corde à linge 20 m@200 | =199 | Outils Ferrand
m S | Corde polypropylène 6 mm=90; Chaîne acier zinguée 4 mm=390; Tuyau cristal 8 mm=150 |
  Vendu au mètre, coupé à la demande.

[mercerie]
m S | Toile cirée motif provençal=1290; Toile cirée unie=1090; Tissu coton uni=890; Tissu lin lavé=1690;
  Ruban gros-grain 25 mm=120; Élastique plat 10 mm=80; Biais coton 20 mm=110 |
  Vendu au mètre, coupé à la demande.
S {v} {b} | Aiguilles à coudre assorties x20; Épingles à tête x100@120; Boutons assortis 100 g@180;
  Ciseaux de couture 21 cm@600; Mètre ruban de couturière 150 cm@120; Fermeture à glissière 20 cm;
  Dé à coudre@80 | =199 | Fil d'Ariane
var S | Fil à coudre polyester 500 m | Fil d'Ariane | 290 | |
  Blanc; Noir; Écru; Bleu marine; Rouge; Gris; Vert bouteille; Beige
var S | Pelote de laine mérinos 50 g | Fil d'Ariane | 590 | | Écru; Gris chiné; Moutarde; Bleu canard;
  Rose poudré; Bordeaux

[jardin]
I Graines {v} {b} | de radis de 18 jours; de tomate cerise; de basilic grand vert; de carotte nantaise;
  de laitue batavia; de persil frisé; de haricot nain; de courgette verte; de fleurs des champs;
  de capucines |
  =199 | Graines du Potager
I {v} {b} | Terreau universel 40 L@500; Terreau pour semis 20 L@420; Bulbes de tulipes x20@300;
  Engrais universel liquide 1 L@300 | =199 | Graines du Potager
S {v} {b} | Sécateur@700; Arrosoir 10 L@500; Pot en terre cuite 20 cm@300; Soucoupe 20 cm@100;
  Ficelle de jardin 100 m@200; Pulvérisateur 1 L@350 | =199 | Outils Ferrand
m S | Tuyau d'arrosage 15 mm=190; Grillage triple torsion 1 m de haut=350 |
  Vendu au mètre, coupé à la demande.
var S | Gants de jardinage | Outils Ferrand | 590 | S; M; L; XL | Vert; Gris

[vet-homme]
var S | T-shirt col rond coton bio homme | Basics & Co | 1290 | S; M; L; XL; XXL+200 |
  Blanc; Noir; Bleu marine; Gris chiné | 100 % coton biologique, 160 g/m².
var S | Polo piqué manches courtes homme | Basics & Co | 2490 | S; M; L; XL; XXL+200 | Bleu marine; Blanc;
  Rouge
var S | Marinière en coton homme | Tricots Vallier | 3990 | S; M; L; XL | Écru rayé marine; Blanc rayé rouge |
  Tricotée en France.
var S | Pull col V laine mérinos homme | Tricots Vallier | 5990 | M; L; XL | Gris anthracite; Bleu marine;
  Bordeaux
var S | Boxers en coton homme x2 | Basics & Co | 1590 | S; M; L; XL | Noir; Gris; Bleu
var S | Débardeur côtelé homme | Basics & Co | 890 | S; M; L; XL | Blanc; Noir
var S | Sweat à capuche homme | Basics & Co | 3490 | S; M; L; XL; XXL+300 | Gris chiné; Noir; Vert forêt
var S | Pyjama en coton homme | Basics & Co | 2990 | S; M; L; XL | Bleu ciel; Gris

[vet-femme]
var S | T-shirt col V coton bio femme | Basics & Co | 1290 | XS; S; M; L; XL | Blanc; Noir; Rose poudré;
  Bleu ciel
var S | Legging en coton femme | Basics & Co | 1490 | XS; S; M; L; XL | Noir; Gris anthracite
var S | Collants voile 20 deniers | Basics & Co | 590 | T1; T2; T3; T4 | Chair; Noir; Gris fumé
var S | Culottes en coton femme x3 | Basics & Co | 1490 | XS; S; M; L; XL | Blanc; Noir; Assortiment pastel
var S | Marinière en coton femme | Tricots Vallier | 3990 | XS; S; M; L; XL | Écru rayé marine;
  Blanc rayé rouge |
  Tricotée en France.
var S | Cardigan en maille femme | Tricots Vallier | 4990 | S; M; L; XL | Écru; Camel; Bleu marine
var S | Chemise de nuit en coton | Basics & Co | 2490 | S; M; L; XL | Blanc fleuri; Rose

[vet-enfant]
var S | T-shirt enfant coton bio | Basics & Co | 890 | 4 ans; 6 ans; 8 ans; 10 ans; 12 ans |
  Jaune soleil; Bleu ciel; Vert pomme; Rouge
var S | Pyjama enfant en coton | Basics & Co | 1990 | 2 ans; 4 ans; 6 ans; 8 ans; 10 ans | Bleu étoilé;
  Rose fleuri
var S | Chaussettes enfant x3 | Chaussettes du Tarn | 790 | 23-26; 27-30; 31-34; 35-38 | Multicolore;
  Bleu marine
var S | Bonnet en maille enfant | Tricots Vallier | 1290 | 2-4 ans; 5-8 ans; 9-12 ans | Rouge; Bleu marine;
  Gris
var S | Bottes de pluie enfant | Basics & Co | 1990 | 24; 26; 28; 30; 32; 34 | Jaune; Bleu marine; Rose

[accessoires]
var S | Chaussettes en coton x3 | Chaussettes du Tarn | 990 | 35-38; 39-42; 43-46 | Noir; Gris chiné;
  Bleu marine |
  Fabriquées dans le Tarn, talon et pointe renforcés.
var S | Chaussettes de laine randonnée | Chaussettes du Tarn | 1290 | 35-38; 39-42; 43-46 | Gris; Vert kaki
var S | Mi-bas de contention légère | Chaussettes du Tarn | 1690 | S; M; L | Noir; Beige
var S | Bonnet en maille adulte | Tricots Vallier | 1590 | | Noir; Gris chiné; Bordeaux; Moutarde
var S | Écharpe en laine | Tricots Vallier | 2490 | | Gris; Bleu marine; Rouge brique; Camel
var S | Gants tactiles en maille | Basics & Co | 990 | S/M; L/XL | Noir; Gris
var S | Casquette en coton | Basics & Co | 1290 | | Bleu marine; Beige; Noir; Kaki
var S | Parapluie pliant automatique | Basics & Co | 1490 | | Noir; Bleu marine; Rouge; Motif écossais
var S | Tongs | Basics & Co | 590 | 36-37; 38-39; 40-41; 42-43; 44-45 | Noir; Bleu; Corail
var S | Chaussons en feutre | Basics & Co | 1490 | 36-37; 38-39; 40-41; 42-43; 44-45 | Gris; Bordeaux

[papeterie]
S Cahier {v} {b} {f} | grands carreaux 96 pages; petits carreaux 96 pages; grands carreaux 48 pages;
  spirale grands carreaux 180 pages@200; travaux pratiques 64 pages | 17 x 22 cm=149; 24 x 32 cm=249 |
  Cahiers Margaux; Le Panier du Marché
S Stylo bille {v} {b} | bleu; noir; rouge; vert; 4 couleurs@250 | =79 | Scriptor; Le Panier du Marché
S {v} {b} | Crayons à papier HB x3; Gomme blanche@60; Taille-crayon à réservoir@80; Règle plate 30 cm@70;
  Colle en bâton 21 g@80; Surligneurs x4@190; Feutres de coloriage x12@200; Crayons de couleur x12@220;
  Stylo plume@450; Cartouches d'encre bleue x10@110; Ruban correcteur@150; Ciseaux scolaires@150;
  Agrafeuse@350;
  Agrafes x1000@60; Trombones x100@60 | =149 | Scriptor
S {v} {b} | Enveloppes blanches x50@200; Enveloppes kraft A4 x10@180; Ramette de papier A4 500 feuilles@450;
  Bloc-notes A5 ligné@120; Notes repositionnables 76 x 76 mm@150; Classeur A4 dos 40 mm@250;
  Pochettes perforées x50@250; Chemises cartonnées x10@200; Agenda semainier@600; Carnet à élastique@500;
  Protège-cahiers x4@150; Papier cadeau rouleau 2 m@150; Bolduc 10 m@80 | =149 | Cahiers Margaux
S Carte {v} {b} | d'anniversaire humoristique; d'anniversaire pour enfant; de félicitations; de condoléances;
  de remerciements | =299 | Cahiers Margaux

[quotidiens]
press SR | Le Courrier du Rhône=150; L'Écho du Quartier=120; La Gazette des Halles=130; Le Petit Matin=140;
  Le Sport Matin=190; Courrier Économique=290; La Voix du Rhône=150; L'Hebdo du Dimanche=280;
  Paris Soir Express=190; The Daily Continental=350

[magazines]
press SR | Télé Semaine Programmes=160; Télé Hebdo Plus=110; Cuisine & Saveurs=450; Jardin Facile=490;
  Maison & Déco=590; Auto Passion=550; Le Petit Bricoleur=490; Santé Naturelle=390; Madame Mode=320;
  Star Potins=220; Histoire & Patrimoine=690; Sciences & Découvertes=590; Photo Pratique=650; Vélo Mag=590;
  Pêche & Nature=550; Maison de Campagne=590; Mon Journal Junior=320; Petits Explorateurs=550;
  Tricot & Crochet=690; Économie Pratique=420; Geek Mag=650; The Weekly Globe=590; Garden Life Monthly=790;
  Music Review=750

[jeux]
press SR | Mots fléchés Force 1=230; Mots fléchés Force 2=230; Mots fléchés Force 3=250;
  Mots croisés Expert=320;
  Sudoku Géant=290; Mots mêlés Plaisir=230; Jeux de logique=350; Spécial Vacances Jeux=450;
  Coloriages Anti-stress=590

[sacs]
ea S | Sac papier kraft=30; Sac cabas réutilisable=99; Sac isotherme=249; Sac en coton bio=350 |
  Sacs proposés en caisse.
"#;
