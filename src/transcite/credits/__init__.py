"""Credits: parsing credit lines, the agencies registry, the credit sheet."""
