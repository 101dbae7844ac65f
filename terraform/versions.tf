terraform {
  # compose.yaml runs hashicorp/terraform 1.14.9; a local binary must match the minor.
  required_version = "~> 1.14.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "6.38.0"
    }
  }
}
