"""Expected values of ExtraCaseTests.swift, computed with botocore (1.43.11 here).

Run: python3 botocore-extras.py. Uses botocore's S3SigV4Auth (header signing) and
S3SigV4QueryAuth (presigning) stage by stage with the fixed timestamp 20130524T000000Z and
the S3 example credentials; the path is encoded as botocore's S3 serializer does
(urllib quote of the key's UTF-8 bytes, safe '/~'), never Unicode-normalized.
"""
from urllib.parse import quote
from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

TS = "20130524T000000Z"
EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
HOST = "examplebucket.s3.amazonaws.com"


def creds(token=None):
    return Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", token)


def header_sign(key, params=(), token=None):
    path = "/" + quote(key.encode("utf-8"), safe="/~")
    req = AWSRequest(method="GET", url="https://" + HOST + path, params=list(params))
    req.context["timestamp"] = TS
    req.headers["X-Amz-Date"] = TS
    req.headers["X-Amz-Content-SHA256"] = EMPTY
    if token:
        req.headers["X-Amz-Security-Token"] = token
    auth = S3SigV4Auth(creds(token), "s3", "us-east-1")
    cr = auth.canonical_request(req)
    sts = auth.string_to_sign(req, cr)
    return path, cr.split("\n")[1], cr.split("\n")[2], auth.signature(sts, req)


def presign(key, expires, token=None):
    path = "/" + quote(key.encode("utf-8"), safe="/~")
    req = AWSRequest(method="GET", url="https://" + HOST + path)
    auth = S3SigV4QueryAuth(creds(token), "s3", "us-east-1", expires=expires)
    req.context["timestamp"] = TS
    auth._modify_request_before_signing(req)
    cr = auth.canonical_request(req)
    sts = auth.string_to_sign(req, cr)
    return path, cr.split("\n")[2], auth.signature(sts, req)


KEYS = {
    "space": "my photo.jpg",
    "plusEqualsAmpersand": "a+b=c&d.txt",
    "tilde": "~user/tilde~file",
    "percent": "100%.txt",
    "hash": "hash#tag?.txt",
    "nfc": "caf\u00e9.jpg",
    "nfd": "cafe\u0301.jpg",
    "slashRuns": "/leading//double///x/./y/../z/",
}
for name, key in KEYS.items():
    print("header", name, *header_sign(key), sep="\t")
print("header", "queryNoValue", *header_sign("k", [("uploads", "")]), sep="\t")
print("header", "queryMixed", *header_sign("k", [("prefix", "a b/ü"), ("delimiter", "/"), ("list-type", "2"), ("marker", "x+y=z&")]), sep="\t")
print("header", "sessionToken", *header_sign("my photo.jpg", token="token/with+specials="), sep="\t")
print("presign", "unicodeSpace", *presign("dir/my café +1.jpg", 3600), sep="\t")
print("presign", "sessionToken", *presign("k", 900, token="token/with+specials="), sep="\t")
