// Lambda Runtime API client and run loop go here.
import ThumbgenHTTP
