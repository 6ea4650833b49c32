"""Service accounts for the fake Sheets API: a real RSA key, a real key file, the fake's token endpoint."""

import json
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


@dataclass(frozen=True)
class ServiceAccount:
    email: str
    private_key_pem: str
    public_key_pem: str

    def key_file(self, token_uri: str) -> str:
        """The JSON Google Cloud hands out, its `token_uri` pointing at the fake."""
        return json.dumps(
            {
                "type": "service_account",
                "project_id": "orientest-test",
                "private_key_id": "cle-de-test",
                "private_key": self.private_key_pem,
                "client_email": self.email,
                "client_id": "1234567890",
                "token_uri": token_uri,
            }
        )


@cache
def service_account(email: str = "orientest@orientest-test.iam.gserviceaccount.com") -> ServiceAccount:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return ServiceAccount(email, private, public)
