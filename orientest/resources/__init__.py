"""The `Ressources` tab: kits, guides and protocols staff list once, carried by the e-mails they match."""
