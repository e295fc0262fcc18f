// The paired tills.
// English and French: a test (web_messages.rs) fails when a key is in one and not the other.

export default {
  en: {
    "devices.title": "Paired tills",
    "devices.hint": "A till is paired once: a manager opens /pos on the device and signs in with their password.",
    "devices.none": "No till is paired yet.",
    "devices.name": "Device",
    "devices.register": "Register",
    "devices.paired": "Paired",
    "devices.revoke": "Revoke",
    "devices.revoked": "Revoked",
    "devices.revoked_done": "Revoked: this device must be paired again.",
    "devices.state": "State",
    "devices.active": "Active",
  },
  fr: {
    "devices.title": "Caisses associées",
    "devices.hint": "Une caisse s’associe une fois : un responsable ouvre /pos sur l’appareil et se connecte avec son mot de passe.",
    "devices.none": "Aucune caisse n’est encore associée.",
    "devices.name": "Appareil",
    "devices.register": "Caisse",
    "devices.paired": "Associée le",
    "devices.revoke": "Révoquer",
    "devices.revoked": "Révoquée",
    "devices.revoked_done": "Révoquée : cet appareil devra être associé à nouveau.",
    "devices.state": "État",
    "devices.active": "Active",
  },
};
