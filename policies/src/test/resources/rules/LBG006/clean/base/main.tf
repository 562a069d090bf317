# A canary moves from 10% to 20% on one of several rules
resource "aws_lb" "edge" {
  name               = "edge"
  internal           = false
  load_balancer_type = "application"
  subnets            = ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"]
}

resource "aws_lb_target_group" "blue" {
  name     = "blue"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0a1b2c3d4e5f60789"
}

resource "aws_lb_target_group_attachment" "blue_1" {
  target_group_arn = aws_lb_target_group.blue.arn
  target_id        = "10.0.24.10"
  port             = 80
}

resource "aws_lb_target_group" "green" {
  name     = "green"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0a1b2c3d4e5f60789"
}

resource "aws_lb_target_group_attachment" "green_1" {
  target_group_arn = aws_lb_target_group.green.arn
  target_id        = "10.0.129.10"
  port             = 80
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.edge.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.blue.arn
  }
}

resource "aws_lb_listener_rule" "svc1" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.blue.arn
  }

  condition {
    path_pattern {
      values = ["/svc1/*"]
    }
  }
}

resource "aws_lb_listener_rule" "svc2" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 20

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.blue.arn
  }

  condition {
    path_pattern {
      values = ["/svc2/*"]
    }
  }
}

resource "aws_lb_listener_rule" "svc3" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 30

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.blue.arn
  }

  condition {
    path_pattern {
      values = ["/svc3/*"]
    }
  }
}

resource "aws_lb_listener_rule" "svc4" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 40

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.blue.arn
  }

  condition {
    path_pattern {
      values = ["/svc4/*"]
    }
  }
}

resource "aws_lb_listener_rule" "canary" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 90

  action {
    type = "forward"

    forward {
      target_group {
        arn    = aws_lb_target_group.blue.arn
        weight = 90
      }
      target_group {
        arn    = aws_lb_target_group.green.arn
        weight = 10
      }
    }
  }

  condition {
    path_pattern {
      values = ["/shop/*"]
    }
  }
}
