"""The legal pages every public body's platform needs: Impressum, Datenschutzerklärung, Erklärung zur
Barrierefreiheit with its feedback form (recorded and mailed to the operator), and for state admins the
received feedback and the Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO). Everything they say
about the operator and about retention comes from the settings (config.py), through `records`."""
