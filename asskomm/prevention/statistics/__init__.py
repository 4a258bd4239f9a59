"""The objective part of the Sicherheitsanalyse: police crime figures per year and offence key with
the population they are divided by, the Land's figures beside them, and further indicator series."""
