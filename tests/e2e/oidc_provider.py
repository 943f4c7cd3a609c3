"""A small OpenID Connect provider for the browser tests, on 127.0.0.1 in a thread.

It signs in whoever ``provider.user`` names without asking (the test sets it), following the
authorization code flow with PKCE as Streamlit's st.login (Authlib) drives it:

    /.well-known/openid-configuration   the metadata that server_metadata_url points at
    /authorize                          approves at once: back to redirect_uri with a code
    /token                              the code (once, with the client's secret and PKCE
                                        verifier) for an RS256-signed ID token
    /jwks                               the public key to check that signature
    /userinfo                           the claims, for a Bearer access token
    /logout                             end_session_endpoint: back to post_logout_redirect_uri

Only what the tests need, checked as strictly as a real provider would check it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey


class OIDCProvider:
    """``with OIDCProvider(client_id, client_secret) as provider:`` serves until the block ends."""

    def __init__(self, client_id: str, client_secret: str):
        self.client_id, self.client_secret = client_id, client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig",
                                                         "alg": "RS256"})
        self.user: dict = {}  # the claims of whoever signs in next: sub, email, name, ...
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.signed_in: list[str] = []  # the e-mail of each ID token issued, in order
        self.signed_out: list[str] = []  # the e-mail in each logout's id_token_hint
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def __enter__(self) -> "OIDCProvider":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict[str, str]) -> str:
        """The URL to send the browser back to, with a fresh code for ``self.user``."""
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            raise ValueError("unknown client or response type")
        if "openid" not in query.get("scope", "").split():
            raise ValueError("not an OpenID Connect request")
        code = secrets.token_urlsafe(24)
        self.codes[code] = {"redirect_uri": query["redirect_uri"], "nonce": query.get("nonce"),
                            "challenge": query.get("code_challenge"), "user": dict(self.user)}
        back = {"code": code, "state": query.get("state", "")}
        return f"{query['redirect_uri']}?{urlencode(back)}"

    def token(self, form: dict[str, str], authorization: str | None) -> dict:
        """Exchange a code (once) for tokens; ValueError for anything a provider refuses."""
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(
                authorization[6:]).decode().partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            raise ValueError("invalid_client")
        grant = self.codes.pop(form.get("code", ""), None)
        if form.get("grant_type") != "authorization_code" or grant is None:
            raise ValueError("invalid_grant")
        if form.get("redirect_uri") != grant["redirect_uri"]:
            raise ValueError("invalid_grant: redirect_uri")
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if digest.decode() != grant["challenge"]:
                raise ValueError("invalid_grant: code_verifier")
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 300,
                  **grant["user"]}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        access = secrets.token_urlsafe(24)
        self.tokens[access] = grant["user"]
        self.signed_in.append(grant["user"].get("email"))
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
        return {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                "id_token": id_token, "scope": "openid email profile"}


def _handler(provider: OIDCProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            try:
                if url.path == "/.well-known/openid-configuration":
                    self._json(provider.metadata())
                elif url.path == "/jwks":
                    self._json({"keys": [provider.key.as_dict(private=False)]})
                elif url.path == "/authorize":
                    self._redirect(provider.authorize(query))
                elif url.path == "/userinfo":
                    bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if bearer not in provider.tokens:
                        raise ValueError("invalid_token")
                    self._json(provider.tokens[bearer])
                elif url.path == "/logout":
                    hint = jwt.decode(query["id_token_hint"], provider.key)
                    provider.signed_out.append(hint.claims.get("email"))
                    self._redirect(query["post_logout_redirect_uri"])
                else:
                    self._json({"error": "not_found"}, 404)
            except (ValueError, KeyError) as refusal:
                self._json({"error": str(refusal)}, 400)

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/token":
                return self._json({"error": "not_found"}, 404)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {k: v[0] for k, v in parse_qs(body).items()}
            try:
                self._json(provider.token(form, self.headers.get("Authorization")))
            except ValueError as refusal:
                self._json({"error": str(refusal)}, 400)

        def _json(self, body: dict, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:  # quiet: the test output is for failures
            pass

    return Handler
