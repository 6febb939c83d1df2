# Like tf-local, but the apply takes 30 seconds (a local-exec sleep), so a test can press
# Ctrl-C in the middle of it and check that Terraform's state survives.

terraform {
  required_version = ">= 1.5.0"
}

resource "terraform_data" "quick" {
  input = var.package_sha256
}

resource "terraform_data" "slow" {
  input = var.package_sha256

  provisioner "local-exec" {
    command = "sleep 30"
  }

  depends_on = [terraform_data.quick]
}

output "region" {
  value = var.region
}
