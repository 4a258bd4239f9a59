"""The Bürgerbefragung: a KPR's anonymous citizen survey for the subjective part of its
Sicherheitsanalyse, composed from the platform's item bank, collected online (open link or one-time
codes) and on paper, evaluated with small cells suppressed, and compared across the alliance."""
