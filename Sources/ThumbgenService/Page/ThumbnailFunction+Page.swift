extension ThumbnailFunction {
    /// `GET /`: the upload page, with this function's synchronous upload limit written in
    /// (larger files go through `POST /uploads`).
    func uploadPage() -> HTTPFunctionResponse {
        var headers: [String: String] = [:]
        for (name, value) in UploadPage.headers { headers[name] = value }
        var response = HTTPFunctionResponse(status: 200, headers: headers)
        let limits = UploadPage.Limits(synchronousBytes: configuration.maxUploadBytes)
        response.body = UploadPage.html(limits: limits)
        return response
    }
}
