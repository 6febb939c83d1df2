// The thumbnail function (S3 events, API Gateway routes) goes here.
import ThumbgenImaging
import ThumbgenAWS
import ThumbgenLambda
