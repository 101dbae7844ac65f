terraform {
  # Validations that compare one variable with another need 1.9.
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # nodejs24.x is accepted from 6.19.0 on; the root pins one exact release.
      version = ">= 6.19.0, < 7.0.0"
    }
  }
}
