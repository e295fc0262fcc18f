// The import page's row errors by code, English and French (a test checks the keys match).
// `invalid` covers a cell whose value cannot be read; the English page also shows the
// server's reason.

export const importMessages = {
  en: {
    "import.error.invalid": "The value in column {column} is not valid.",
    "import.error.required": "Column {column} is required on this row.",
    "import.error.duplicate_sku": "SKU {sku} is already on line {first}.",
    "import.error.duplicate_barcode": "Barcode {code} is already on line {first}.",
    "import.error.barcode_taken": "Barcode {code} already belongs to {owner}.",
    "import.error.not_a_variant": "{sku} is a product, not a variant.",
    "import.error.unknown_parent": "No product {parent}, earlier in the file or in the catalog.",
    "import.error.variant_needs_parent": "{sku} is a variant of {parent}: fill in parent_sku.",
    "import.error.unreadable_header": "The header line cannot be read.",
    "import.error.duplicate_column": "Column {column} appears twice.",
    "import.error.unknown_column": "Unknown column {column}.",
    "import.error.missing_column": "The required column {column} is missing.",
    "import.error.malformed_row": "This row cannot be read (a quote or the number of cells is wrong).",
  },
  fr: {
    "import.error.invalid": "La valeur de la colonne {column} n’est pas valide.",
    "import.error.required": "La colonne {column} est obligatoire sur cette ligne.",
    "import.error.duplicate_sku": "La référence {sku} figure déjà ligne {first}.",
    "import.error.duplicate_barcode": "Le code-barres {code} figure déjà ligne {first}.",
    "import.error.barcode_taken": "Le code-barres {code} appartient déjà à {owner}.",
    "import.error.not_a_variant": "{sku} est un produit, pas une déclinaison.",
    "import.error.unknown_parent": "Aucun produit {parent}, ni plus haut dans le fichier ni au catalogue.",
    "import.error.variant_needs_parent": "{sku} est une déclinaison de {parent} : remplissez parent_sku.",
    "import.error.unreadable_header": "La ligne d’en-tête est illisible.",
    "import.error.duplicate_column": "La colonne {column} figure deux fois.",
    "import.error.unknown_column": "Colonne inconnue : {column}.",
    "import.error.missing_column": "La colonne obligatoire {column} manque.",
    "import.error.malformed_row": "Cette ligne est illisible (un guillemet ou le nombre de cellules est faux).",
  },
};
