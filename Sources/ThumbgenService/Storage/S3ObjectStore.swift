import ThumbgenAWS

/// The ``ObjectStore`` over S3, through ThumbgenAWS's ``S3Client`` (SigV4, retries).
package struct S3ObjectStore: ObjectStore {
    /// The client.
    package let client: S3Client

    /// Creates a store over `client`.
    package init(client: S3Client) { self.client = client }

    package func object(bucket: String, key: String) throws(ServiceError) -> StoredObject {
        do {
            let (info, bytes) = try client.getObjectBytes(bucket: bucket, key: key)
            return StoredObject(bytes: bytes, metadata: info.metadata)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// HeadObject's `Content-Length`.
    package func size(bucket: String, key: String) throws(ServiceError) -> Int? {
        do {
            return Int(try client.headObject(bucket: bucket, key: key).size)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// Stores the object with its `Content-Type`, `x-amz-meta-*` metadata and, when given, `Cache-Control`.
    package func put(
        bucket: String, key: String, bytes: [UInt8], contentType: String, cacheControl: String?,
        metadata: [String: String]
    ) throws(ServiceError) {
        do {
            try client.putObject(
                bucket: bucket, key: key, bytes: bytes, contentType: contentType, cacheControl: cacheControl,
                metadata: metadata)
        } catch {
            throw Self.serviceError(error)
        }
    }

    package func exists(bucket: String, key: String) throws(ServiceError) -> Bool {
        do {
            _ = try client.headObject(bucket: bucket, key: key)
            return true
        } catch  where error.serviceCode == "NoSuchKey" || error.httpStatus == 404 {
            return false
        } catch {
            throw Self.serviceError(error)
        }
    }

    package func presignedURL(method: String, bucket: String, key: String, expires: Int) throws(ServiceError) -> String {
        do {
            return try client.presignedURL(method == "PUT" ? .put : .get, bucket: bucket, key: key, expires: expires)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// Signs `Content-Type` and, when given, `Content-Length` with `host`: S3 then refuses a
    /// PUT of any other type or size with `403 SignatureDoesNotMatch`.
    package func presignedUpload(
        bucket: String, key: String, contentType: String, contentLength: Int?,
        expires: Int
    ) throws(ServiceError) -> String {
        var headers = [(name: S3Header.contentType, value: contentType)]
        if let contentLength { headers.append((S3Header.contentLength, String(contentLength))) }
        do {
            return try client.presignedURL(.put, bucket: bucket, key: key, expires: expires, signedHeaders: headers)
        } catch {
            throw Self.serviceError(error)
        }
    }

    /// `.notFound` for `NoSuchKey`/`NoSuchBucket`/404, `.badRequest` for an unusable argument,
    /// else `.storage` (retryable when S3 says so).
    static func serviceError(_ error: AWSError) -> ServiceError {
        if error.serviceCode == "NoSuchKey" || error.serviceCode == "NoSuchBucket" || error.httpStatus == 404 {
            return ServiceError(.notFound, error.message, underlying: error)
        }
        if error.code == .invalidArgument { return ServiceError(.badRequest, error.message, underlying: error) }
        return ServiceError(.storage, error.message, isRetryable: error.isRetryable || error.code == .transport, underlying: error)
    }
}
