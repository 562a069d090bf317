# Blue/green weights swing from 100/0 to 0/100 in one change
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

resource "aws_lb_listener" "http" {  # expect: LBG006
  load_balancer_arn = aws_lb.edge.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "forward"

    forward {
      target_group {
        arn    = aws_lb_target_group.blue.arn
        weight = 0
      }
      target_group {
        arn    = aws_lb_target_group.green.arn
        weight = 100
      }
    }
  }
}
