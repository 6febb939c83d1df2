// OWNER: HTTP/S3 helper. Credentials, endpoints, retries, S3 go here.
import ThumbgenSigV4
import ThumbgenHTTP
