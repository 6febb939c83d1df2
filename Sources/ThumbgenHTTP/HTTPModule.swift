// OWNER: HTTP/S3 helper. Request/response values and the libcurl transport go here.
