# An application load balancer with host- and path-based routing.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

locals {
  services = {
    api = { port = 8080, hosts = ["api.example.com"], paths = ["/v1/*", "/v2/*"], priority = 10 }
    web = { port = 3000, hosts = ["www.example.com", "example.com"], paths = ["/*"], priority = 20 }
  }
  enabled_services = { for name, svc in local.services : name => svc if svc.port > 0 }
  by_port          = { for name, svc in local.services : svc.port => name... }
  all_hosts        = flatten([for svc in values(local.services) : svc.hosts])
  env              = terraform.workspace == "prod" ? "prod" : "stage"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.0"
  name    = "lb-${local.env}"
}

resource "aws_lb" "main" {
  name               = "main-${local.env}"
  load_balancer_type = "application"
  subnets            = module.vpc.public_subnets
  internal           = false

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = true
  }
}

resource "aws_lb_target_group" "svc" {
  for_each = local.enabled_services
  name     = "tg-${each.key}"
  port     = each.value.port
  protocol = "HTTP"
  vpc_id   = module.vpc.vpc_id

  health_check { path = "/health" }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = <<-EOT
        Not found.
        Try ${local.all_hosts[0]}.
        EOT
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "svc" {
  for_each     = local.enabled_services
  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc[each.key].arn
  }

  condition {
    host_header {
      values = each.value.hosts
    }
  }

  dynamic "condition" {
    for_each = length(each.value.paths) > 0 ? [each.value.paths] : []
    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  tags = merge(var.tags, {
    Name    = "rule-${each.key}"
    "Owner" = "platform"
  })
}

resource "aws_lb_listener_rule" "redirect_http" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 1

  action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  condition {
    http_header {
      http_header_name = "X-Forwarded-Proto"
      values           = ["http"]
    }
  }
}

moved {
  from = aws_lb_listener_rule.api
  to   = aws_lb_listener_rule.svc["api"]
}

output "target_group_arns" {
  value = [for tg in aws_lb_target_group.svc : tg.arn]
}

output "rule_arns" {
  value = values(aws_lb_listener_rule.svc)[*].arn
}
