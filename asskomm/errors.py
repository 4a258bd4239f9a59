"""Domain errors carry a German message for the person who caused them."""


class DomainError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
